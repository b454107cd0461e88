/**
 * What a refused date should say: the form shows dates as dd/mm/yyyy and turns them into the stored
 * `YYYY-MM-DD`; a client of the API sends `YYYY-MM-DD` itself. So the message depends on what came:
 * a real day written dd/mm/yyyy (only an API client sends that) is told the stored form with its own
 * day; a day that does not exist is named; anything else is told both forms.
 */
import type { Bilingual } from "./messages.js";
import { parseDateVi } from "./vi-display.js";

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const VI_SHAPE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/;

export function dateMessage(data: unknown): Bilingual {
  const text = typeof data === "string" ? data.trim().slice(0, 40) : "";
  const iso = VI_SHAPE.test(text) ? parseDateVi(text) : undefined;
  if (iso) {
    return { vi: `Ngày gửi theo dạng YYYY-MM-DD: ${text} viết là ${iso}`, en: `send the date as YYYY-MM-DD: ${text} is ${iso}` };
  }
  if (ISO_SHAPE.test(text) || VI_SHAPE.test(text)) {
    return { vi: `Ngày ${text} không có trong lịch`, en: `${text} is not a day of the calendar` };
  }
  return { vi: "Ngày không hợp lệ: nhập dd/mm/yyyy (ví dụ 04/12/2026); qua API gửi YYYY-MM-DD (2026-12-04)", en: "Invalid date: type dd/mm/yyyy (e.g. 04/12/2026); through the API send YYYY-MM-DD (2026-12-04)" };
}
