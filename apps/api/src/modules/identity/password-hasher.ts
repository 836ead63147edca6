import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with its default cost; a
// constant dummy hash keeps login timing the same for unknown emails.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$E5yx6G2oQ0wZ/4wH0jbz0BzY6E4vQtI9R7Uw6bFOiHg';

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  try {
    return await verify(passwordHash ?? DUMMY_HASH, password);
  } catch {
    return false;
  }
}
