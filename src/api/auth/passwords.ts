/**
 * @module api/auth/passwords
 * Password hashing with argon2id (memory-hard; @node-rs/argon2's default algorithm) at the cost
 * in config/limits, as PHC strings that carry their own parameters, and generated passwords.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_HASH } from '../../config/limits.js';

const OPTIONS = { memoryCost: PASSWORD_HASH.memoryCostKiB, timeCost: PASSWORD_HASH.timeCost, parallelism: PASSWORD_HASH.parallelism };

/** A hash of a password nobody knows, verified against when a user name is unknown (equal timing). */
let decoyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Whether `password` matches `phc`; `phc` undefined checks against a decoy and answers false. */
export async function verifyPassword(phc: string | undefined, password: string): Promise<boolean> {
  if (phc === undefined) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** A random password of 24 URL-safe characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
