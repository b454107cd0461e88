/**
 * Names of beneficiaries: the key two requests are matched by when a CCCD is missing, and the shortened
 * form the public ledger shows instead of the full name.
 */

/**
 * A name reduced for matching: no diacritics (đ → d), lower case, no spaces or punctuation.
 *
 * @example normaliseName("Nguyễn  Văn An") === normaliseName("nguyen van an") // true: "nguyenvanan"
 */
export function normaliseName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * The public form of a person's name: the family name in full, every other word as an initial.
 *
 * @example shortName("Nguyễn Văn An") // "Nguyễn V. A."
 * @example shortName("Y Blông") // "Y B."
 */
export function shortName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "";
  const [family, ...rest] = words;
  return [family, ...rest.map((w) => `${[...w][0]!.toLocaleUpperCase("vi")}.`)].join(" ");
}

/**
 * A unit's name as it reads after a dash: its kind word in lower case ("Xã Hà Mòn" → "xã Hà Mòn").
 *
 * @example publicPlace("Xã Đăk Kan") // "xã Đăk Kan"
 */
export function publicPlace(unitName: string): string {
  return unitName.replace(/^(Xã|Phường|Thị trấn|Huyện|Thành phố|Thị xã|Tỉnh)(?=\s)/u, (w) => w.toLocaleLowerCase("vi"));
}

/** "Nguyễn V. A. — xã Đăk Kan": what the public sees of a beneficiary. */
export function publicBeneficiary(fullName: string, unitName: string | null): string {
  return unitName ? `${shortName(fullName)} — ${publicPlace(unitName)}` : shortName(fullName);
}
