import { defineMessages } from '../../i18n/localized.js';
import { defineTexts } from '../../shared/domain-error.js';

export const courseMessages = defineMessages({
  en: {
    helloWorld: 'Hello, World!',
    helloLogin: (login: string) => `Hello ${login}!`,
    halloween: {
      title: 'Happy Halloween!',
      caption: "Jack O'Lantern lights the way.",
    },
  },
  fr: {
    helloWorld: 'Hello, World!',
    helloLogin: (login) => `Hello ${login}!`,
    halloween: {
      title: 'Joyeux Halloween !',
      caption: 'Jack O’Lantern éclaire le chemin.',
    },
  },
});

export const courseTexts = defineTexts('course', {
  teapot: {
    en: 'I refuse to brew coffee because I am, permanently, a teapot.',
    fr: 'Je refuse de faire du café : je suis, pour toujours, une théière.',
  },
});
