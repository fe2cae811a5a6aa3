import { defineMessages } from '../../i18n/localized.js';
import { defineErrors } from '../../shared/domain-error.js';
import { passwordFeedback } from './password-feedback.js';
import type { Guessability } from './password-strength.worker.js';

export const accountsMessages = defineMessages({
  en: {
    signInTitle: 'Sign in',
    registerTitle: 'Create an account',
    accountTitle: 'Your account',
    email: 'E-mail address',
    name: 'Name',
    password: 'Password',
    passwordHint: (min: number) =>
      `At least ${min} characters. A few unrelated words make a strong passphrase.`,
    signInButton: 'Sign in',
    registerButton: 'Create my account',
    noAccount: 'No account yet?',
    createOne: 'Create one',
    haveAccount: 'Already have an account?',
    welcome: (name: string) => `Welcome, ${name}! Your account is ready.`,
    welcomeBack: (name: string) => `Welcome back, ${name}!`,
    signedOut: 'You are signed out. See you soon!',
    profile: 'Profile',
    role: 'Role',
    memberSince: 'Member since',
    orders: 'Your orders',
    sessions: 'Active sessions',
    thisDevice: 'This device',
    lastSeen: 'Last seen',
    signedInAt: 'Signed in',
    unknownDevice: 'Unknown device',
    browserOn: (browser: string, system: string) => `${browser} on ${system}`,
    unknownBrowserOn: (system: string) => `A browser on ${system}`,
    signOut: 'Sign out',
    signOutDevice: (device: string, lastSeen: string) =>
      `Sign out ${device}, last seen ${lastSeen}`,
    signOutSession: 'Sign out this session',
    signOutOthers: 'Sign out everywhere else',
    otherSessionsEnded: 'All your other sessions are signed out.',
    sessionEnded: 'That session is signed out.',
    cookieStoreNote:
      'Your session is kept, encrypted, in your browser. Signing out everywhere else invalidates every other copy of it.',
    roles: { customer: 'Customer', admin: 'Administrator' },
  },
  fr: {
    signInTitle: 'Connexion',
    registerTitle: 'Créer un compte',
    accountTitle: 'Mon compte',
    email: 'Adresse e-mail',
    name: 'Nom',
    password: 'Mot de passe',
    passwordHint: (min) =>
      `Au moins ${min} caractères. Quelques mots sans rapport font une bonne phrase de passe.`,
    signInButton: 'Se connecter',
    registerButton: 'Créer mon compte',
    noAccount: 'Pas encore de compte ?',
    createOne: 'En créer un',
    haveAccount: 'Déjà un compte ?',
    welcome: (name) => `Bienvenue, ${name} ! Votre compte est prêt.`,
    welcomeBack: (name) => `Bon retour parmi nous, ${name} !`,
    signedOut: 'Vous êtes déconnecté. À bientôt !',
    profile: 'Profil',
    role: 'Rôle',
    memberSince: 'Membre depuis',
    orders: 'Mes commandes',
    sessions: 'Sessions actives',
    thisDevice: 'Cet appareil',
    lastSeen: 'Dernière activité',
    signedInAt: 'Connecté le',
    unknownDevice: 'Appareil inconnu',
    browserOn: (browser, system) => `${browser} sur ${system}`,
    unknownBrowserOn: (system) => `Un navigateur sur ${system}`,
    signOut: 'Déconnecter',
    signOutDevice: (device, lastSeen) => `Déconnecter ${device}, dernière activité le ${lastSeen}`,
    signOutSession: 'Déconnecter cette session',
    signOutOthers: 'Se déconnecter partout ailleurs',
    otherSessionsEnded: 'Toutes vos autres sessions sont déconnectées.',
    sessionEnded: 'Cette session est déconnectée.',
    cookieStoreNote:
      'Votre session est conservée, chiffrée, dans votre navigateur. Se déconnecter partout ailleurs invalide toutes ses autres copies.',
    roles: { customer: 'Client', admin: 'Administrateur' },
  },
});

const sentences = (...parts: readonly (string | null | undefined)[]) =>
  parts.filter(Boolean).join(' ');

/**
 * What accounts refuse. A failed sign-in says the same for an unknown
 * address and a wrong password: nothing tells whether an account exists.
 */
export const accountsErrors = defineErrors('accounts', {
  badCredentials: {
    kind: 'unauthenticated',
    en: () => 'Incorrect e-mail address or password.',
    fr: () => 'Adresse e-mail ou mot de passe incorrect.',
  },
  tooManyAttempts: {
    kind: 'rate_limited',
    en: ({ minutes }: { minutes: number }) =>
      `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    fr: ({ minutes }: { minutes: number }) =>
      `Trop de tentatives de connexion échouées pour ce compte. Réessayez dans ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  },
  formRejected: {
    kind: 'bad_request',
    en: () => 'This form could not be accepted.',
    fr: () => 'Ce formulaire n’a pas pu être accepté.',
  },
  emailTaken: {
    kind: 'conflict',
    en: () => 'An account already exists with this e-mail address. Sign in instead?',
    fr: () => 'Un compte existe déjà avec cette adresse e-mail. Voulez-vous vous connecter ?',
  },
  /** The form-level message; the reason is the `password` field's (`tooGuessable`). */
  weakPassword: {
    kind: 'invalid',
    en: () => 'Choose a password that is harder to guess.',
    fr: () => 'Choisissez un mot de passe plus difficile à deviner.',
  },
  tooGuessable: {
    kind: 'invalid',
    en: ({ warning, suggestion }: Guessability) =>
      sentences(
        'This password is too easy to guess.',
        warning && passwordFeedback.en.warnings[warning],
        suggestion && passwordFeedback.en.suggestions[suggestion],
      ),
    fr: ({ warning, suggestion }: Guessability) =>
      sentences(
        'Ce mot de passe est trop facile à deviner.',
        warning && passwordFeedback.fr.warnings[warning],
        suggestion && passwordFeedback.fr.suggestions[suggestion],
      ),
  },
  unknownUser: {
    kind: 'not_found',
    en: ({ email }: { email: string }) => `There is no user with the e-mail address ${email}.`,
    fr: ({ email }: { email: string }) => `Aucun utilisateur n’a l’adresse e-mail ${email}.`,
  },
  accountGone: {
    kind: 'unauthenticated',
    en: () => 'This account no longer exists. Please sign in again.',
    fr: () => 'Ce compte n’existe plus. Veuillez vous reconnecter.',
  },
  noSuchSession: {
    kind: 'bad_request',
    en: () => 'This session cannot be found: no session was signed out.',
    fr: () => 'Cette session est introuvable : aucune session n’a été déconnectée.',
  },
});
