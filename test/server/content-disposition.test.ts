import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "../../server/content-disposition";
import { cleanFileName } from "../../server/services/attachments";

describe("Content-Disposition for Vietnamese file names", () => {
  it.each([
    ["Đơn.pdf", `attachment; filename="Don.pdf"; filename*=UTF-8''%C4%90%C6%A1n.pdf`],
    ["ho-so.pdf", `attachment; filename="ho-so.pdf"; filename*=UTF-8''ho-so.pdf`],
    [`a"b\\c%.pdf`, `attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%5Cc%25.pdf`],
    ["it's (1)*.pdf", `attachment; filename="it's (1)*.pdf"; filename*=UTF-8''it%27s%20%281%29%2A.pdf`],
  ])("%s", (name, header) => {
    expect(attachmentDisposition(name)).toBe(header);
  });

  it("decodes back to the original name", () => {
    const name = "Phiếu lý lịch tư pháp số 2 – Nguyễn Văn Ánh.pdf";
    const encoded = /filename\*=UTF-8''(.+)$/.exec(attachmentDisposition(name))![1]!;
    expect(decodeURIComponent(encoded)).toBe(name);
  });
});

describe("cleanFileName", () => {
  it.each([
    ["C:\\Users\\an\\Đơn.pdf", "Đơn.pdf"],
    ["../../etc/passwd", "passwd"],
    ["a\u0000b\nc.pdf", "abc.pdf"],
    ["Do\u0302\u0301.pdf", "Dố.pdf"],
    ["", "tep-dinh-kem"],
    // Direction marks and invisible characters are dropped (issue 17, item 7).
    ["hoadon\u202Efdp.exe", "hoadonfdp.exe"],
    ["Đơn\u200B\u2067.pdf\uFEFF", "Đơn.pdf"],
    ["\u0085\u202E", "tep-dinh-kem"],
  ])("%j → %j", (input, output) => {
    expect(cleanFileName(input)).toBe(output);
  });

  it.each([
    ["hoadon.html", "application/pdf", "hoadon.html.pdf"],
    ["hoadon.PDF", "application/pdf", "hoadon.PDF"],
    ["anh.jpeg", "image/jpeg", "anh.jpeg"],
    ["bien-ban", "application/vnd.oasis.opendocument.text", "bien-ban.odt"],
    ["hoadon\u202Elmth.pdf", "application/pdf", "hoadonlmth.pdf"],
    [`${"a".repeat(300)}.pdf`, "application/pdf", `${"a".repeat(251)}.pdf`],
    [`${"a".repeat(300)}.html`, "application/pdf", `${"a".repeat(251)}.pdf`],
  ])("%j stored as a %s is kept as %j", (input, type, output) => {
    expect(cleanFileName(input, type)).toBe(output);
  });
});
