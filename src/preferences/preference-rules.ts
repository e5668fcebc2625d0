import { clean, requiredText } from '../common/text-rules.js';

/** A preference must say something; its topic is optional. Both are kept trimmed. */
export const checkPreference = (text: string, path = '/body/preference'): string => requiredText(text, path);

export const cleanTopic = (topic: string | null | undefined): string | null => clean(topic);
