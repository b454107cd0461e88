/**
 * Vietnamese first, English on request: a dictionary of the UI's own words, the chosen language kept
 * in localStorage, and `loc()` for the `{ vi, en }` texts the server sends.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { en, vi, type Words } from "./words";
import type { Localized } from "./types";

export type Lang = "vi" | "en";
type I18n = { lang: Lang; setLang(lang: Lang): void; t(key: keyof Words, vars?: Record<string, string | number>): string; loc(text: Localized | string | null | undefined): string };

const Context = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem("hoso.lang") === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem("hoso.lang", next);
    } catch {
      /* private mode: the choice lasts this page only */
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const words = lang === "en" ? en : vi;
    return {
      lang,
      setLang,
      t: (key, vars) => {
        let s: string = words[key] ?? vi[key] ?? String(key);
        if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
      loc: (text) => {
        if (text == null) return "";
        if (typeof text === "string") return text;
        return (lang === "en" && text.en) || text.vi;
      },
    };
  }, [lang, setLang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
