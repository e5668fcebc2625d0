import { Type } from 'typebox';

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
  generatedAt: Type.String({ format: 'date-time' }),
});
