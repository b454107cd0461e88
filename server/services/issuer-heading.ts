/**
 * The issuer's name at the top left of a document, as Nghị định 30/2020/NĐ-CP (Phụ lục I) writes it:
 * a Sở under the provincial People's Committee prints its governing body abbreviated above its own
 * short name ("UBND TỈNH QUẢNG NGÃI" / "SỞ NỘI VỤ"); a People's Committee prints its own full name
 * ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI") with nothing above; any other unit its parent above its name.
 */

type NamedUnit = { kind: string; name: string };

/** A province or commune unit stands for its People's Committee (its leader is the chairman). */
export const isPeopleCommittee = (unit: { kind: string }) => unit.kind === "province" || unit.kind === "commune";

const PEOPLE_COMMITTEE = /^(Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+/i;
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);

/** "Tỉnh Quảng Ngãi" → "Ủy ban nhân dân tỉnh Quảng Ngãi"; a name that already says so is kept. */
export function peopleCommitteeName(unitName: string): string {
  return PEOPLE_COMMITTEE.test(unitName) ? unitName : `Ủy ban nhân dân ${lowerFirst(unitName)}`;
}

/** The place part of a People's Committee's unit ("tỉnh Quảng Ngãi"). */
const placeOf = (unitName: string) => lowerFirst(unitName.replace(PEOPLE_COMMITTEE, ""));

/**
 * The two header lines of the issuer: the governing body (null when none is printed) and the issuer.
 *
 * @example issuerHeading({ kind: "office", name: "Sở Nội vụ tỉnh Quảng Ngãi" }, { kind: "province", name: "Tỉnh Quảng Ngãi" }) // { parent: "UBND tỉnh Quảng Ngãi", issuer: "Sở Nội vụ" }
 */
export function issuerHeading(unit: NamedUnit, parent: NamedUnit | null): { parent: string | null; issuer: string } {
  if (isPeopleCommittee(unit)) return { parent: null, issuer: peopleCommitteeName(unit.name) };
  if (parent && isPeopleCommittee(parent)) {
    const place = placeOf(parent.name);
    const suffix = ` ${place}`;
    const short = unit.name.toLocaleLowerCase("vi").endsWith(suffix.toLocaleLowerCase("vi")) ? unit.name.slice(0, -suffix.length).trim() : unit.name;
    return { parent: `UBND ${place}`, issuer: short || unit.name };
  }
  return { parent: parent?.name ?? null, issuer: unit.name };
}
