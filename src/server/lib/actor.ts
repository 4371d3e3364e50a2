import type { Role } from '../../common/roles.js';

/** Who is acting and in which agency: every staff service call carries one. */
export interface Actor {
  userId: string;
  agencyId: string;
  roles: Role[];
  isRegionAdmin: boolean;
}
