import { isPeopleCommittee } from "./issuer-heading";

/**
 * The signature block of a document (Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I): a collegial body
 * (a People's Committee) signs "TM. ỦY BAN NHÂN DÂN"; a deputy signs "KT." for the head, his own title
 * under it; the head signs with his title. `position` is the signer's title in the issuing unit (set on
 * his grant: "Giám đốc", "Phó Chủ tịch"); without one, the role's name is printed as before.
 *
 * @example signatureBlock({ kind: "province" }, "Phó Chủ tịch", "Lãnh đạo") // ["TM. Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"]
 */
export function signatureBlock(unit: { kind: string }, position: string | null, roleTitle: string | null): string[] {
  const lines: string[] = isPeopleCommittee(unit) ? ["TM. Ủy ban nhân dân"] : [];
  const title = position?.trim() || null;
  if (!title) return [...lines, roleTitle || "Thủ trưởng cơ quan"];
  const deputy = /^Phó\s+/i.exec(title);
  if (!deputy) return [...lines, title];
  const head = title.slice(deputy[0].length);
  return [...lines, `KT. ${head.charAt(0).toLocaleUpperCase("vi")}${head.slice(1)}`, title];
}
