/**
 * A workflow for contention tests: a dossier goes back and forth between a specialist's review and a
 * leader's decision until a leader approves it, so that many officials can keep acting on it at once.
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
      on: { RETURN: { target: "review" }, APPROVE: { target: "approved", guard: { role: "leader" } } },
    },
    approved: { title: { vi: "Đã duyệt", en: "Approved" }, type: "final" },
  },
};
