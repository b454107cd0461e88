import { ManualClock } from "../../server/clock";
import { openDatabase } from "../../server/db/client";
import { createServices } from "../../server/services";
import { crashDefinition } from "./crash-workflow";

/**
 * The world the process-level reliability tests act in, written straight to the database at `url` before
 * the server under test starts: the crash workflow, one office, an applicant `<name>-nguoinop` and an
 * official `<name>-canbo` (specialist and leader), and `dossiers` dossiers of the applicant in review.
 */
export async function seedCrashWorld(url: string, name: string, password: string, dossiers: number, now: string): Promise<string[]> {
  const database = openDatabase({ url, dataDir: "unused", poolSize: 2 });
  try {
    const services = await createServices({ database, clock: new ManualClock(now) });
    await services.registry.publish(crashDefinition, null);
    const unit = await services.units.create({ kind: "office", name: `Phòng thử ${name}`, parentId: null, code: null });
    const starter = await services.people.create({ username: `${name}-nguoinop`, displayName: "Người nộp", password, grants: [{ role: "applicant", unitId: unit.id }] });
    await services.people.create({ username: `${name}-canbo`, displayName: "Cán bộ", password, grants: [{ role: "specialist", unitId: unit.id }, { role: "leader", unitId: unit.id }] });
    const user = { id: starter.id, username: starter.username, displayName: starter.displayName, grants: [{ role: "applicant" as const, unitId: unit.id, unitName: unit.name }], below: {} };
    const ids: string[] = [];
    for (let i = 0; i < dossiers; i++) ids.push((await services.dossiers.start(user, crashDefinition.key, { name: `Hồ sơ ${i}` })).id);
    return ids;
  } finally {
    await database.close();
  }
}
