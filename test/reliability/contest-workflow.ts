/**
 * A workflow for contention tests: a dossier goes back and forth between a specialist's review and a
 * leader's decision until a leader approves it, so that many officials can keep acting on it at once.
 * The approval issues a numbered decision, so that racing approvals also contend for document numbers.
 */
export const contestDefinition = {
  key: "contest",
  title: { vi: "Thẩm định nhiều vòng (kiểm thử tranh chấp)", en: "Review rounds (contention test)" },
  initial: "review",
  states: {
    review: {
      title: { vi: "Thẩm định", en: "Review" },
      assignee: { role: "specialist", unit: "$starter.unit" },
      on: { PROPOSE: { target: "decision" } },
    },
    decision: {
      title: { vi: "Quyết định", en: "Decision" },
      assignee: { role: "leader", unit: "$starter.unit" },
      on: {
        RETURN: { target: "review" },
        APPROVE: {
          target: "approved",
          guard: { role: "leader" },
          issueDocument: { type: "QĐ", title: { vi: "Về việc phê duyệt {{data.name}}", en: "Approval" }, content: ["Phê duyệt hồ sơ {{dossier.code}}."] },
        },
      },
    },
    approved: { title: { vi: "Đã duyệt", en: "Approved" }, type: "final" },
  },
};
