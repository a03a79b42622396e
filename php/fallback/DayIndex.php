<?php
/**
 * DayIndex.php - the twin's per-day index of the activities: their rows in date order, so that
 * stats() reads only the rows of its period. Built by the first stats() after a change (the store
 * drops it on every commit of activities), kept in an object of its own that a kept dataset
 * (Dangjian\Cache) shares with the copies it hands out until they change, as the extension shares
 * its per-day cache. Internal.
 */

namespace Dangjian\Fallback;

/** @internal */
final class DayIndex
{
    /** @var int[]|null activity rows by date, then by row; null until built */
    public ?array $rows = null;
    /** PHP memory of the index: 16 B a row in a packed array, 64 B for the rest */
    public int $bytes = 0;

    /** Builds the index of $dates (the store's activity dates) by counting days: no comparison sort. */
    public function build(array $dates): void
    {
        $byDay = [];
        foreach ($dates as $i => $d) {
            $byDay[$d][] = $i;
        }
        ksort($byDay, SORT_NUMERIC);
        $rows = [];
        foreach ($byDay as $list) {
            foreach ($list as $i) {
                $rows[] = $i;
            }
        }
        $this->rows = $rows;
        $this->bytes = 64 + 16 * count($rows);
    }

    /**
     * The rows a period must read, in row order (the columns are then read front to back), built
     * first if need be; null when the period holds more than an eighth of the activities: reading
     * every row is then faster than going through the index.
     * @return int[]|null
     */
    public function rowsOf(array $dates, int $from, int $to): ?array
    {
        if ($this->rows === null) {
            $this->build($dates);
        }
        [$lo, $hi] = $this->range($dates, $from, $to);
        if (8 * ($hi - $lo) > count($dates)) {
            return null;
        }
        $rows = array_slice($this->rows, $lo, $hi - $lo);
        sort($rows, SORT_NUMERIC);
        return $rows;
    }

    /**
     * The positions [lo, hi) in rows of the activities dated from $from to $to.
     * @return array{int,int}
     */
    public function range(array $dates, int $from, int $to): array
    {
        return [$this->first($dates, $from), $this->first($dates, $to + 1)];
    }

    /** The first position whose date is at least $day. */
    private function first(array $dates, int $day): int
    {
        $rows = $this->rows;
        $lo = 0;
        $hi = count($rows);
        while ($lo < $hi) {
            $mid = ($lo + $hi) >> 1;
            if ($dates[$rows[$mid]] < $day) {
                $lo = $mid + 1;
            } else {
                $hi = $mid;
            }
        }
        return $lo;
    }
}
