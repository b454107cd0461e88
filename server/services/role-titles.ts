import type { Role } from "../../workflows";

/** The Vietnamese name of each role, for messages and printed documents. */
export const ROLE_VI: Record<Role, string> = {
  applicant: "người nộp hồ sơ",
  specialist: "chuyên viên",
  leader: "lãnh đạo",
  accountant: "kế toán",
  admin: "quản trị viên",
};

/** A role as a title on a signature block, capitalised ("Lãnh đạo"). */
export function roleTitle(role: Role): string {
  const name = ROLE_VI[role];
  return name.charAt(0).toLocaleUpperCase("vi") + name.slice(1);
}
