import { defineMessages } from '../../i18n/localized.js';
import type { SuggestionCode, WarningCode } from './password-strength.worker.js';

interface PasswordFeedback {
  /** What makes the password guessable. */
  readonly warnings: Readonly<Record<WarningCode, string>>;
  /** What would make it harder to guess. */
  readonly suggestions: Readonly<Record<SuggestionCode, string>>;
}

/**
 * zxcvbn's feedback codes in the interface's languages, after the wording of
 * its own language packages. The type requires every code it can answer.
 */
export const passwordFeedback = defineMessages<PasswordFeedback>({
  en: {
    warnings: {
      straightRow: 'Straight rows of keys on your keyboard are easy to guess.',
      keyPattern: 'Short keyboard patterns are easy to guess.',
      simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
      extendedRepeat: 'Repeated character patterns like "abcabcabc" are easy to guess.',
      sequences: 'Common character sequences like "abc" are easy to guess.',
      recentYears: 'Recent years are easy to guess.',
      dates: 'Dates are easy to guess.',
      topTen: 'This is a heavily used password.',
      topHundred: 'This is a frequently used password.',
      common: 'This is a commonly used password.',
      similarToCommon: 'This is similar to a commonly used password.',
      wordByItself: 'Single words are easy to guess.',
      namesByThemselves: 'Single names or surnames are easy to guess.',
      commonNames: 'Common names and surnames are easy to guess.',
      userInputs: 'Your name or e-mail address should not be part of it.',
      pwned: 'This password was exposed by a data breach on the Internet.',
    },
    suggestions: {
      l33t: 'Avoid predictable letter substitutions like "@" for "a".',
      reverseWords: 'Avoid reversed spellings of common words.',
      allUppercase: 'Capitalise some, but not all letters.',
      capitalization: 'Capitalise more than the first letter.',
      dates: 'Avoid dates and years that are associated with you.',
      recentYears: 'Avoid recent years.',
      associatedYears: 'Avoid years that are associated with you.',
      sequences: 'Avoid common character sequences.',
      repeated: 'Avoid repeated words and characters.',
      longerKeyboardPattern:
        'Use longer keyboard patterns and change typing direction multiple times.',
      anotherWord: 'Add more words that are less common.',
      useWords: 'Use multiple words, but avoid common phrases.',
      noNeed:
        'You can create strong passwords without using symbols, numbers, or uppercase letters.',
      pwned: 'If you use this password elsewhere, you should change it.',
    },
  },
  fr: {
    warnings: {
      straightRow: 'Les rangées de touches du clavier sont faciles à deviner.',
      keyPattern: 'Les motifs de clavier courts sont faciles à deviner.',
      simpleRepeat: 'Les caractères répétés comme « aaa » sont faciles à deviner.',
      extendedRepeat: 'Les motifs répétés comme « abcabcabc » sont faciles à deviner.',
      sequences: 'Les suites de caractères courantes comme « abc » sont faciles à deviner.',
      recentYears: 'Les années récentes sont faciles à deviner.',
      dates: 'Les dates sont faciles à deviner.',
      topTen: 'Ce mot de passe est très utilisé.',
      topHundred: 'Ce mot de passe est fréquemment utilisé.',
      common: 'Ce mot de passe est couramment utilisé.',
      similarToCommon: 'Ce mot de passe ressemble à un mot de passe couramment utilisé.',
      wordByItself: 'Un mot seul est facile à deviner.',
      namesByThemselves: 'Un prénom ou un nom de famille seul est facile à deviner.',
      commonNames: 'Les prénoms et noms de famille courants sont faciles à deviner.',
      userInputs: 'Votre nom ou votre adresse e-mail ne doivent pas en faire partie.',
      pwned: 'Ce mot de passe a été divulgué lors d’une fuite de données sur Internet.',
    },
    suggestions: {
      l33t: 'Évitez les substitutions de lettres prévisibles comme « @ » pour « a ».',
      reverseWords: 'Évitez les mots courants écrits à l’envers.',
      allUppercase: 'Mettez quelques lettres en majuscules, mais pas toutes.',
      capitalization: 'Mettez des majuscules ailleurs que sur la première lettre.',
      dates: 'Évitez les dates et les années qui vous sont associées.',
      recentYears: 'Évitez les années récentes.',
      associatedYears: 'Évitez les années qui vous sont associées.',
      sequences: 'Évitez les suites de caractères courantes.',
      repeated: 'Évitez les mots et les caractères répétés.',
      longerKeyboardPattern:
        'Utilisez des motifs de clavier plus longs et changez plusieurs fois de sens de frappe.',
      anotherWord: 'Ajoutez des mots moins courants.',
      useWords: 'Utilisez plusieurs mots, mais évitez les expressions courantes.',
      noNeed: 'Un mot de passe peut être solide sans symboles, chiffres ni majuscules.',
      pwned: 'Si vous utilisez ce mot de passe ailleurs, changez-le.',
    },
  },
});
