import type { Role } from "../../workflows";

/** The Vietnamese name of each role, for messages and printed documents. */
export const ROLE_VI: Record<Role, string> = {
  applicant: "người nộp hồ sơ",
  specialist: "chuyên viên",
  leader: "lãnh đạo",
  accountant: "kế toán",
  admin: "quản trị viên",
};
