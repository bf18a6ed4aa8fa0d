// Today's date where the user is (meetings happen in local time).
import { formatDate, type IsoDate } from '../core/dates';

export function todayLocal(): IsoDate {
  const now = new Date();
  return formatDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
