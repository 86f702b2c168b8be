import { ID_ALPHABET } from './messages';

/** 22 characters of a 64-letter alphabet: 132 random bits, like the server's tokens. */
export function randomId(length = 22): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte & 63];
  return id;
}
