import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absoluteLink, isAppPath, notificationLimits, notificationText, reminderEmail, reminderProblem } from './notification-rules.js';
import type { Reminder } from './reminders.js';

const good: Reminder = {
  key: 'promise-due:0190:2026-03-12',
  staffId: 's1',
  customerId: 'c1',
  title: 'Your promise to Jim Alvarez is due tomorrow',
  body: 'The grout exchange, promised for Saturday.',
  link: '/customers/c1',
};

describe('which reminders can be notified', () => {
  it('takes a well-formed reminder, with or without a customer', () => {
    expect(reminderProblem(good)).toBeNull();
    expect(reminderProblem({ ...good, customerId: null, body: '' })).toBeNull();
  });

  it('leaves out a reminder a source got wrong, saying what', () => {
    expect(reminderProblem({ ...good, key: '' })).toMatch(/key/);
    expect(reminderProblem({ ...good, key: 'x'.repeat(notificationLimits.key + 1) })).toMatch(/key/);
    expect(reminderProblem({ ...good, key: 'two\nlines' })).toMatch(/key/);
    expect(reminderProblem({ ...good, staffId: '' })).toMatch(/staffId/);
    expect(reminderProblem({ ...good, customerId: '' })).toMatch(/customerId/);
    expect(reminderProblem({ ...good, title: '  \n ' })).toMatch(/title/);
    expect(reminderProblem({ ...good, body: undefined as unknown as string })).toMatch(/body/);
    for (const link of ['customers/c1', 'https://evil.example/', '//evil.example/x', '/\\evil', '/a b', 'javascript:alert(1)', '']) {
      expect(reminderProblem({ ...good, link }), link).toMatch(/link/);
    }
  });

  it('accepts as a link only paths inside the web app, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        if (!isAppPath(text)) return true;
        const url = new URL(text, 'https://rapport.example');
        return url.origin === 'https://rapport.example' && text.startsWith('/');
      }),
    );
  });

  it('stores the title on one line and both texts within their limits', () => {
    expect(notificationText({ title: '  Due\n  tomorrow ', body: ' Call back. \n' })).toEqual({ title: 'Due tomorrow', body: 'Call back.' });
    const long = notificationText({ title: 'x'.repeat(500), body: 'y'.repeat(5000) });
    expect(long.title).toHaveLength(notificationLimits.title);
    expect(long.body).toHaveLength(notificationLimits.body);
  });
});

describe('the email about a notification', () => {
  it('is the title as subject, then the body and the absolute link', () => {
    const email = reminderEmail({ title: good.title, body: good.body, link: good.link }, 'https://rapport.example/');
    expect(email.subject).toBe(good.title);
    expect(email.text).toContain(`${good.title}\n\n${good.body}\n\nOpen it in Rapport: https://rapport.example/customers/c1\n`);
  });

  it('joins the public address and the path with one slash, under a prefix too', () => {
    expect(absoluteLink('http://127.0.0.1:3000', '/customers/c1')).toBe('http://127.0.0.1:3000/customers/c1');
    expect(absoluteLink('https://example.com/rapport/', '/customers/c1')).toBe('https://example.com/rapport/customers/c1');
  });
});
