import type { CreateWorkshopResponse, Role } from '../protocol/messages';
import type { LocalAuthor } from './optimistic';
import { readJson, writeJson, type KeyValueStorage } from './storage';

/** A token and what it was given for, kept per workshop so a reload needs no new join. */
export interface Credential {
  token: string;
  role: Role;
  /** The participant behind a participant token, to sign the notes not sent yet. */
  participant?: LocalAuthor;
  /** The group the participant joined, where a return visit leads. */
  board?: string;
}

export type WorkshopLinks = CreateWorkshopResponse['links'];

const credentialKey = (workshopId: string) => `parvis.token.${workshopId}`;
const linksKey = (workshopId: string) => `parvis.links.${workshopId}`;

export class Credentials {
  constructor(private readonly storage: KeyValueStorage) {}

  get(workshopId: string): Credential | null {
    return readJson<Credential>(this.storage, credentialKey(workshopId));
  }

  save(workshopId: string, credential: Credential): void {
    writeJson(this.storage, credentialKey(workshopId), credential);
  }

  /** Only the browser that created a workshop knows its observer link. */
  links(workshopId: string): WorkshopLinks | null {
    return readJson<WorkshopLinks>(this.storage, linksKey(workshopId));
  }

  saveLinks(workshopId: string, links: WorkshopLinks): void {
    writeJson(this.storage, linksKey(workshopId), links);
  }
}
