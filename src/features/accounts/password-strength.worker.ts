/**
 * zxcvbn in a worker thread: its dictionaries take half a second and tens of
 * megabytes to load, and each check takes tens of milliseconds (up to a
 * second for the costliest inputs) — none of which should stall the event
 * loop that serves everyone else.
 */
import { parentPort } from 'node:worker_threads';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';

export interface StrengthRequest {
  readonly id: number;
  readonly password: string;
  readonly userInputs: readonly string[];
  readonly lang: 'en' | 'fr';
}

export interface StrengthResult {
  readonly id: number;
  readonly score: number;
  readonly warning: string | null;
  readonly suggestion: string | null;
}

/**
 * Only the first characters are scored. zxcvbn's cost grows with the length
 * times the l33t variants it tries: a 128-character digit sequence took over
 * a second, and every registration waits behind it in this one thread. 64
 * characters judge guessability as well as more would, and scoring a prefix
 * can only find a password weaker, never stronger.
 */
export const JUDGED_LENGTH = 64;

const options = {
  dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
  graphs: common.adjacencyGraphs,
  maxLength: JUDGED_LENGTH,
};
const checkers = {
  en: new ZxcvbnFactory({ ...options, translations: en.translations }),
  fr: new ZxcvbnFactory({ ...options, translations: fr.translations }),
};

parentPort?.on('message', ({ id, password, userInputs, lang }: StrengthRequest) => {
  const { score, feedback } = checkers[lang].check(password, [...userInputs]);
  const result: StrengthResult = {
    id,
    score,
    warning: feedback.warning,
    suggestion: feedback.suggestions[0] ?? null,
  };
  parentPort?.postMessage(result);
});
