import { Type } from 'typebox';
import { HandoffBannerOut } from '../handoffs/handoff-schemas.js';

export const BriefSection = Type.Object({
  key: Type.Union([
    Type.Literal('greeting'),
    Type.Literal('contact'),
    Type.Literal('who'),
    Type.Literal('life'),
    Type.Literal('owed'),
    Type.Literal('last'),
    Type.Literal('since'),
    Type.Literal('notes'),
  ]),
  heading: Type.String(),
  sentences: Type.Array(Type.String()),
  attention: Type.Boolean({ description: 'Something here needs acting on' }),
});

export const BriefOut = Type.Object({
  customerId: Type.String(),
  displayName: Type.String(),
  greetAs: Type.String({ description: 'The name to greet them by' }),
  sections: Type.Array(BriefSection),
  handoffs: Type.Array(HandoffBannerOut, { description: "Hand-offs of this customer to show at the top until their new owner has read them (and not to a reader who has): POST /handoffs/:id/read" }),
  generatedAt: Type.String({ format: 'date-time' }),
});
