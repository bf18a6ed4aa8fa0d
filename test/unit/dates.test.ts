import * as assert from 'node:assert/strict';
import { addDays, daysBetween, formatDate, isoWeekday, isoWeekOf, isValidDate, weekStart } from '../../src/core/dates';

describe('dates: isoWeekOf', () => {
  const cases: Array<[string, string]> = [
    ['2023-04-26', '2023-W17'],
    ['2023-04-24', '2023-W17'],
    ['2023-04-30', '2023-W17'],
    ['2023-05-01', '2023-W18'],
    // year boundaries and week 53
    ['2020-12-31', '2020-W53'],
    ['2021-01-01', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2026-12-28', '2026-W53'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2024-12-29', '2024-W52'],
    ['2025-01-01', '2025-W01'],
    ['2019-12-30', '2020-W01'],
    ['2015-12-31', '2015-W53'],
    ['2016-01-03', '2015-W53'],
    ['2022-01-02', '2021-W52'],
    ['2024-02-29', '2024-W09'],
  ];
  for (const [date, week] of cases) {
    it(`${date} → ${week}`, () => assert.equal(isoWeekOf(date), week));
  }

  it('agrees with weekStart for every day of several years', () => {
    for (let d = '2019-12-23'; d < '2028-01-10'; d = addDays(d, 1)) {
      const week = isoWeekOf(d);
      const monday = weekStart(week);
      const offset = daysBetween(monday, d);
      assert.ok(offset >= 0 && offset <= 6, `${d} is ${offset} days after the Monday ${monday} of ${week}`);
      assert.equal(offset + 1, isoWeekday(d), `${d}`);
    }
  });
});

describe('dates: weekStart', () => {
  it('returns the Monday of a week, across year boundaries', () => {
    assert.equal(weekStart('2023-W17'), '2023-04-24');
    assert.equal(weekStart('2020-W53'), '2020-12-28');
    assert.equal(weekStart('2021-W01'), '2021-01-04');
    assert.equal(weekStart('2026-W53'), '2026-12-28');
    assert.equal(weekStart('2027-W01'), '2027-01-04');
    assert.equal(weekStart('2025-W01'), '2024-12-30');
    assert.equal(weekStart('2020-W01'), '2019-12-30');
  });

  it('rejects what is not an ISO week', () => {
    assert.throws(() => weekStart('2023-17'), /not an ISO week/);
    assert.throws(() => weekStart('2023-W7'), /not an ISO week/);
  });
});

describe('dates: addDays, daysBetween, isoWeekday', () => {
  it('adds days across months, leap days and years', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('2026-12-28', 6), '2027-01-03');
    assert.equal(addDays('2027-01-04', -7), '2026-12-28');
    assert.equal(addDays('2023-04-26', 0), '2023-04-26');
    // DST changes in Europe (late March, late October) are irrelevant in UTC
    assert.equal(addDays('2023-03-25', 2), '2023-03-27');
    assert.equal(addDays('2023-10-28', 2), '2023-10-30');
  });

  it('counts days between dates, signed', () => {
    assert.equal(daysBetween('2026-11-18', '2026-11-19'), 1);
    assert.equal(daysBetween('2026-11-19', '2026-11-18'), -1);
    assert.equal(daysBetween('2026-12-31', '2027-01-07'), 7);
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
  });

  it('numbers weekdays Monday = 1 … Sunday = 7', () => {
    assert.equal(isoWeekday('2023-04-24'), 1);
    assert.equal(isoWeekday('2023-04-26'), 3);
    assert.equal(isoWeekday('2023-04-27'), 4);
    assert.equal(isoWeekday('2023-04-30'), 7);
    assert.equal(isoWeekday('2027-01-03'), 7);
  });

  it('validates calendar dates', () => {
    assert.equal(isValidDate(2024, 2, 29), true);
    assert.equal(isValidDate(2023, 2, 29), false);
    assert.equal(isValidDate(2023, 13, 1), false);
    assert.equal(isValidDate(2023, 4, 31), false);
    assert.equal(isValidDate(2023, 0, 10), false);
    assert.equal(isValidDate(1800, 1, 1), false);
    assert.equal(formatDate(2023, 4, 6), '2023-04-06');
  });
});
