const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** How this computer writes the lookup shortcut. */
export const shortcutLabel = isMac ? '⌘K' : 'Ctrl+K';
