/**
 * zxcvbn in a worker thread: its dictionaries take half a second and tens of
 * megabytes to load, and each check takes tens of milliseconds (up to a
 * second for the costliest inputs) — none of which should stall the event
 * loop that serves everyone else.
 */
import { parentPort } from 'node:worker_threads';
import { type TranslationKeys, ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';

/** zxcvbn's codes for what makes a password guessable, and for what would help. */
export type WarningCode = keyof TranslationKeys['warnings'];
export type SuggestionCode = keyof TranslationKeys['suggestions'];

export interface StrengthRequest {
  readonly id: number;
  readonly password: string;
  readonly userInputs: readonly string[];
}

export interface StrengthResult {
  readonly id: number;
  readonly score: number;
  readonly warning: WarningCode | null;
  readonly suggestion: SuggestionCode | null;
}

/** zxcvbn's verdict on a guessable password: what makes it so, and what would help. */
export type Guessability = Pick<StrengthResult, 'warning' | 'suggestion'>;

/**
 * Only the first characters are scored. zxcvbn's cost grows with the length
 * times the l33t variants it tries: a 128-character digit sequence took over
 * a second, and every registration waits behind it in this one thread. 64
 * characters judge guessability as well as more would, and scoring a prefix
 * can only find a password weaker, never stronger.
 */
const JUDGED_LENGTH = 64;

/**
 * English and French words are both guessable, whoever registers. Without
 * translations zxcvbn answers with its codes: the wording is the feature's,
 * in the visitor's language (password-feedback.ts).
 */
const checker = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
  graphs: common.adjacencyGraphs,
  maxLength: JUDGED_LENGTH,
});

parentPort?.on('message', ({ id, password, userInputs }: StrengthRequest) => {
  const { score, feedback } = checker.check(password, [...userInputs]);
  const result: StrengthResult = {
    id,
    score,
    warning: (feedback.warning as WarningCode | null) || null,
    suggestion: (feedback.suggestions[0] as SuggestionCode | undefined) ?? null,
  };
  parentPort?.postMessage(result);
});
