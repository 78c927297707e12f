import isEmail from 'validator/lib/isEmail';
import { badInput } from '../errors';

/** validator.isEmail's bound (RFC 5321), said here for the API documents. */
export const EMAIL_MAX_LENGTH = 254;

/** The rules in a sentence, for the API documents. */
export const EMAIL_RULES =
  `An address as validator.isEmail accepts it (at most ${EMAIL_MAX_LENGTH} characters, no quoted local part, no IP address for a domain), ` +
  'with international letters but no invisible characters, no marks drawn over Latin, Greek or Cyrillic letters, and one of ' +
  'those alphabets per part; stored trimmed, in Unicode NFC and in lower case';

/**
 * validator's isEmail (RFC 5321 lengths: 254 characters, 64 bytes before the @; a domain with a
 * top-level part, no IP literals, no display names). International addresses stay accepted
 * (`allow_utf8_local_part`, Unicode domains), as they were. Quoted local parts (`"a b"@…`) are
 * refused: no provider hands them out, and they are how spaces, quotes and `<script>` get in.
 */
const IS_EMAIL_OPTIONS = {
  allow_utf8_local_part: true,
  allow_display_name: false,
  allow_ip_domain: false,
  require_tld: true,
  blacklisted_chars: '"',
} as const;

/**
 * Characters that are not seen, or not seen as what they are: controls (NUL…), format characters
 * (zero-width spaces and joiners, bidi overrides, soft hyphens), unpaired surrogates, private-use
 * and unassigned code points, and every kind of space.
 */
const HIDDEN = /[\p{C}\p{Z}]/u;

/**
 * After NFC every accented Latin, Greek or Cyrillic letter in use is one code point; a mark still
 * sitting on one of these letters draws over it. "İ" lower-cases to "i" + U+0307 (a dot on a
 * dotted i), so "İnfo@…" would be stored as an address that reads "info@…".
 */
const MARK_ON_LOOK_ALIKE_SCRIPT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]\p{Mn}/u;

/** Alphabets with letters that look alike ("а" Cyrillic, "a" Latin): one per part of an address. */
const LOOK_ALIKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Greek}/u, /\p{Script=Cyrillic}/u];

function mixesLookAlikeScripts(part: string): boolean {
  return LOOK_ALIKE_SCRIPTS.filter((script) => script.test(part)).length > 1;
}

/**
 * The form an email is stored and looked up in: trimmed, NFC, lower case. Refused (BAD_USER_INPUT
 * naming `email`) unless it is a valid address whose every character is seen as what it is.
 */
export function normalizeEmail(input: string): string {
  const email = input.trim().normalize('NFC').toLowerCase().normalize('NFC');
  if (email === '') throw badInput('email', 'email must not be empty');
  if (HIDDEN.test(email) || !isEmail(email, IS_EMAIL_OPTIONS)) throw badInput('email', 'email is not a valid address');
  if (MARK_ON_LOOK_ALIKE_SCRIPT.test(email) || email.split(/[@.]/).some(mixesLookAlikeScripts)) {
    throw badInput(
      'email',
      'email mixes look-alike alphabets (such as Latin and Cyrillic) or marks drawn over letters; type the address as your provider spells it',
    );
  }
  return email;
}
