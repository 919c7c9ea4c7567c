// The example of docs/api.md, compiled with the client so that it stays true: a school staff app lists the SENCO's
// pupils on SEN support, reads one, and changes their needs with the version it read (If-Match).
import { platform } from "./index.js";

export async function updateFirstPupilsNeeds(accessToken: () => Promise<string>): Promise<void> {
  const api = platform({ register: "https://register.trust.example", review: "https://review.trust.example",
    notification: "https://notification.trust.example", workload: "https://workload.trust.example", accessToken });
  const { data, error } = await api.register.GET("/api/v1/pupils", { params: { query: { provision: "K", size: 50 } } });
  if (error) throw new Error(`${error.title}: ${error.detail}`);
  const pupil = data.items[0];
  if (!pupil) return;
  const read = await api.register.GET("/api/v1/pupils/{id}", { params: { path: { id: pupil.id } } });
  const etag = read.response.headers.get("ETag");
  if (read.error || !etag) throw new Error(`cannot read pupil: ${read.error?.title}`);
  const changed = await api.register.PUT("/api/v1/pupils/{id}/needs", { params: { path: { id: pupil.id },
    header: { "If-Match": etag } }, body: { needs: [{ rank: 1, code: "SPLD" }] } });
  if (changed.error?.status === 412) throw new Error("changed by someone else meanwhile: read it again");
}
