/**
 * The workflow every benchmark runs: a simple three-step approval. The applicant starts a dossier in
 * `draft` and hands it in (SUBMIT), a specialist of the unit reviews it (PROPOSE), a leader of the
 * unit decides (APPROVE). Start + 3 events = 4 durable transitions per dossier.
 */
export const APPROVAL_KEY = "bench-approval";

export const approvalDefinition = {
  key: APPROVAL_KEY,
  title: { vi: "Phê duyệt ba bước (đo hiệu năng)", en: "Three-step approval (benchmark)" },
  initial: "draft",
  states: {
    draft: {
      title: { vi: "Đang soạn", en: "Drafting" },
      assignee: { role: "applicant", unit: "$starter.unit" },
      on: { SUBMIT: { target: "review", title: { vi: "Nộp", en: "Submit" } } },
    },
    review: {
      title: { vi: "Chuyên viên thẩm định", en: "Specialist review" },
      assignee: { role: "specialist", unit: "$starter.unit" },
      on: { PROPOSE: { target: "decision", title: { vi: "Trình lãnh đạo", en: "Propose" } } },
    },
    decision: {
      title: { vi: "Lãnh đạo quyết định", en: "Leader decides" },
      assignee: { role: "leader", unit: "$starter.unit" },
      on: { APPROVE: { target: "approved", guard: { role: "leader" }, title: { vi: "Phê duyệt", en: "Approve" } } },
    },
    approved: { title: { vi: "Đã phê duyệt", en: "Approved" }, type: "final" },
  },
} as const;

/** The events after the start, and which of the unit's three people sends each. */
export const APPROVAL_STEPS = [
  { type: "SUBMIT", by: "applicant" },
  { type: "PROPOSE", by: "specialist" },
  { type: "APPROVE", by: "leader" },
] as const;

/** The same approval in BPMN 2.0 for the peer engine: three user tasks in a row. */
export const approvalBpmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench" targetNamespace="http://bpmn.io/schema/bpmn">
  <process id="approval" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="submit" />
    <userTask id="submit" name="Nộp" />
    <sequenceFlow id="f1" sourceRef="submit" targetRef="review" />
    <userTask id="review" name="Thẩm định" />
    <sequenceFlow id="f2" sourceRef="review" targetRef="approve" />
    <userTask id="approve" name="Phê duyệt" />
    <sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;
