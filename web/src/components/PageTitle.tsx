/**
 * The browser tab's title follows the page: each route names itself in its `handle` (`titled(…)`), the
 * deepest named route wins, and the title reads "<page> · Hoso" in the chosen language. Screen-reader
 * users hear it on every navigation; everyone sees it in tabs, history and bookmarks.
 */
import { useEffect } from "react";
import { useMatches } from "react-router";
import { useI18n } from "../lib/i18n";
import type { Localized } from "../lib/types";

type TitleHandle = { title?: Localized };

/** A route's `handle` naming its page: `{ path: "/inbox", handle: titled("Hộp công việc", "Inbox") }`. */
export const titled = (vi: string, en: string): TitleHandle => ({ title: { vi, en } });

export function PageTitle() {
  const matches = useMatches();
  const { loc } = useI18n();
  const named = [...matches].reverse().find((m) => (m.handle as TitleHandle | undefined)?.title);
  const title = named ? loc((named.handle as TitleHandle).title) : "";
  useEffect(() => {
    document.title = title ? `${title} · Hoso` : "Hoso — Hồ sơ và phê duyệt";
  }, [title]);
  return null;
}
