/** Hoso's JSON Forms renderer set, most specific first (higher rank wins). */
import {
  and,
  formatIs,
  isBooleanControl,
  isControl,
  isIntegerControl,
  isNumberControl,
  isObjectControl,
  isStringControl,
  optionIs,
  or,
  rankWith,
  schemaMatches,
  schemaTypeIs,
  uiTypeIs,
  type JsonFormsRendererRegistryEntry,
} from "@jsonforms/core";
import { ArrayControl, ObjectControl } from "./ArrayControl";
import { AttachmentControl } from "./AttachmentControl";
import { BooleanControl, ChoiceControl, DateControl, DigitsControl, NumberControl, TextControl, VndControl } from "./controls";
import { IndicatorRowsControl } from "./IndicatorRows";
import { GroupLayoutRenderer, HorizontalLayout, LabelRenderer, VerticalLayout } from "./layouts";
import { UnitControl } from "./UnitControl";

const isChoice = and(isControl, schemaMatches((s) => Array.isArray(s.enum) || (Array.isArray(s.oneOf) && s.oneOf.every((o) => o && typeof o === "object" && "const" in o))));

export const renderers: JsonFormsRendererRegistryEntry[] = [
  { tester: rankWith(1, uiTypeIs("VerticalLayout")), renderer: VerticalLayout },
  { tester: rankWith(1, uiTypeIs("HorizontalLayout")), renderer: HorizontalLayout },
  { tester: rankWith(1, uiTypeIs("Group")), renderer: GroupLayoutRenderer },
  { tester: rankWith(1, uiTypeIs("Label")), renderer: LabelRenderer },
  { tester: rankWith(2, isStringControl), renderer: TextControl },
  { tester: rankWith(2, or(isIntegerControl, isNumberControl)), renderer: NumberControl },
  { tester: rankWith(2, isBooleanControl), renderer: BooleanControl },
  { tester: rankWith(2, isObjectControl), renderer: ObjectControl },
  { tester: rankWith(2, and(isControl, schemaTypeIs("array"))), renderer: ArrayControl },
  { tester: rankWith(4, isChoice), renderer: ChoiceControl },
  { tester: rankWith(5, and(isControl, formatIs("date"))), renderer: DateControl },
  { tester: rankWith(5, and(isControl, or(formatIs("cccd"), formatIs("phone-vn")))), renderer: DigitsControl },
  // JSON Forms' `formatIs` only matches strings; amounts in đồng are integers.
  { tester: rankWith(5, and(isControl, schemaMatches((s) => (s as { format?: string }).format === "vnd"))), renderer: VndControl },
  { tester: rankWith(5, and(isControl, formatIs("attachment"))), renderer: AttachmentControl },
  { tester: rankWith(5, and(isControl, formatIs("unit"))), renderer: UnitControl },
  // A report's actuals: one row per indicator of the dossier's plan (the form's `config.indicators`).
  { tester: rankWith(6, and(isControl, schemaTypeIs("array"), optionIs("rowsFrom", "indicators"))), renderer: IndicatorRowsControl },
];
