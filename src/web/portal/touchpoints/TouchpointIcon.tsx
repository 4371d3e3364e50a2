import {
  IconBrandOkRu,
  IconBrandTelegram,
  IconBrandVk,
  IconBuilding,
  IconBuildingCommunity,
  IconFileDescription,
  IconHeadset,
  IconMail,
  IconMailbox,
  IconMessageStar,
  IconMessages,
  IconPhone,
  IconPhoneCall,
  IconWorld,
} from '@tabler/icons-react';
import type { TouchpointKind } from '../../../common/types';

const ICONS: Record<TouchpointKind, typeof IconWorld> = {
  site: IconWorld,
  email: IconMail,
  telegram: IconBrandTelegram,
  vk: IconBrandVk,
  ok: IconBrandOkRu,
  phone: IconPhone,
  consult_line: IconHeadset,
  ekc: IconPhoneCall,
  reception: IconBuilding,
  post: IconMailbox,
  pos: IconMessages,
  medo: IconFileDescription,
  governor_reception: IconBuildingCommunity,
  gosuslugi_feedback: IconMessageStar,
};

/** Decorative: the touchpoint's title next to it says the same in words. */
export function TouchpointIcon({ kind, size = '1.375rem' }: { kind: TouchpointKind; size?: string }) {
  const Icon = ICONS[kind] ?? IconWorld;
  return <Icon size={size} stroke={1.7} aria-hidden="true" />;
}
