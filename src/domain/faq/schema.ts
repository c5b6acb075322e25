// The shape of a FAQ file (locales/faq/<lang>.json) and the rules its content must keep: answers
// are sent as Telegram HTML on small screens, so they are short and use bold only; questions are
// plain text that can go into an HTML message or onto a button as they are.
import { z } from 'zod';

export const MAX_ANSWER_LENGTH = 600;

// Telegram HTML: `<b>` and `</b>` in pairs, no other tags, and `&` only in the entities Telegram
// knows, so a stray "<" or "&" can never make the whole message fail to send.
const TAG = /<[^>]*>/g;
const ENTITY = /&(?:lt|gt|amp|quot|#\d+);/g;

/** Whether the text uses no HTML but balanced, unnested `<b>…</b>`. */
export function hasOnlyBoldMarkup(text: string): boolean {
  let open = false;
  for (const [tag] of text.matchAll(TAG)) {
    if (tag === (open ? '</b>' : '<b>')) open = !open;
    else return false;
  }
  const rest = text.replace(TAG, '').replace(ENTITY, '');
  return !open && !/[<>&]/.test(rest);
}

const entrySchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _'),
  question: z
    .string()
    .trim()
    .min(1)
    .regex(/^[^<>&]*$/, 'is plain text: no < > &'),
  answer: z
    .string()
    .trim()
    .min(1)
    .max(MAX_ANSWER_LENGTH)
    .refine(hasOnlyBoldMarkup, 'may use only <b>…</b> (balanced), and escape < > & as entities'),
  keywords: z.array(z.string().trim().min(1)).min(1),
});

export const faqFileSchema = z.strictObject({ entries: z.array(entrySchema).min(1) });

export type FaqEntry = z.infer<typeof entrySchema>;
export type FaqFile = z.infer<typeof faqFileSchema>;
