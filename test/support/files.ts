import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { TestApp, TestUser } from "./harness";

/** A file from `test/fixtures/` (tiny but real PNG, DOCX, XLSX, ODT and ZIP files). */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
}

/**
 * A PDF-looking file of `size` bytes: the PDF header, then every byte value in a scrambled order (so that
 * a download that re-encodes anything is caught), then the trailer. `seed` makes distinct files.
 */
export function pdfBytes(size = 4096, seed = 1): Uint8Array {
  const head = new TextEncoder().encode("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  const tail = new TextEncoder().encode("\n%%EOF\n");
  const bytes = new Uint8Array(Math.max(size, head.length + tail.length));
  bytes.set(head);
  let x = seed >>> 0 || 1;
  for (let i = head.length; i < bytes.length - tail.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0; // a linear congruential generator: deterministic bytes
    bytes[i] = x >>> 24;
  }
  bytes.set(tail, bytes.length - tail.length);
  return bytes;
}

/** Uploads a file and returns its id (the upload must succeed). */
export async function uploadId(t: TestApp, user: TestUser, file: { bytes: Uint8Array; name: string; type?: string }): Promise<string> {
  const res = await t.upload(user, file);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Uploads a fresh PDF as `user` and returns its id. */
let seed = 100;
export function uploadPdf(t: TestApp, user: TestUser, name = "tai-lieu.pdf"): Promise<string> {
  return uploadId(t, user, { bytes: pdfBytes(2048, seed++), name, type: "application/pdf" });
}
