/** Layouts: vertical (a stack), horizontal (columns that stack on a phone), group (a titled section), label (a note). */
import type { GroupLayout, LabelProps, Layout, LayoutProps } from "@jsonforms/core";
import { JsonFormsDispatch, withJsonFormsLabelProps, withJsonFormsLayoutProps } from "@jsonforms/react";

function Children({ p }: { p: LayoutProps }) {
  return (
    <>
      {((p.uischema as Layout).elements ?? []).map((el, i) => (
        <JsonFormsDispatch key={i} uischema={el} schema={p.schema} path={p.path} enabled={p.enabled} renderers={p.renderers} cells={p.cells} />
      ))}
    </>
  );
}

export const VerticalLayout = withJsonFormsLayoutProps((p: LayoutProps) =>
  p.visible ? (
    <div className="stack">
      <Children p={p} />
    </div>
  ) : null,
);

export const HorizontalLayout = withJsonFormsLayoutProps((p: LayoutProps) =>
  p.visible ? (
    <div className="row">
      <Children p={p} />
    </div>
  ) : null,
);

export const GroupLayoutRenderer = withJsonFormsLayoutProps((p: LayoutProps) =>
  p.visible ? (
    <fieldset className="group">
      {(p.uischema as GroupLayout).label && <legend>{(p.uischema as GroupLayout).label}</legend>}
      <div className="stack">
        <Children p={p} />
      </div>
    </fieldset>
  ) : null,
);

export const LabelRenderer = withJsonFormsLabelProps((p: LabelProps) => (p.visible ? <p className="form-note">{p.text}</p> : null));
