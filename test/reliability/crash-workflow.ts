/**
 * A workflow for the crash test: a dossier goes back and forth between review and decision; every
 * entry into review starts a durable timer (one calendar day) that expires the dossier if nobody acts.
 */
export const crashDefinition = {
  key: "crash-review",
  title: { vi: "Thẩm định có hạn (kiểm thử sự cố)", en: "Review with expiry (crash test)" },
  initial: "review",
  states: {
    review: {
      title: { vi: "Thẩm định", en: "Review" },
      assignee: { role: "specialist", unit: "$starter.unit" },
      timers: [{ after: { calendarDays: 1 }, event: "EXPIRE" }],
      on: { PROPOSE: { target: "decision" }, EXPIRE: { target: "expired", system: true } },
    },
    decision: {
      title: { vi: "Quyết định", en: "Decision" },
      assignee: { role: "leader", unit: "$starter.unit" },
      on: { RETURN: { target: "review" } },
    },
    expired: { title: { vi: "Hết hạn", en: "Expired" }, type: "final" },
  },
};
