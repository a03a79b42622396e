<?php
/**
 * StatsOut.php - the figures of Stats as stats() gives them (PHP arrays: ints, floats, null) and as
 * statsJson() prints them (STATS.md "How statsJson() prints"), keys in the contract's order. Internal.
 */

namespace Dangjian\Fallback;

/** @internal */
final class StatsOut
{
    /** stats(): PHP arrays, amounts as hundredths / 100, ratios as ten-thousandths / 10000. */
    public static function toArray(Stats $st): array
    {
        $amt = static fn (int $h): float => $h / 100;
        $ratio = static fn (?int $t): ?float => $t === null ? null : $t / 10000;
        $date = [Values::class, 'formatDate'];

        $members = $st->members;
        $members['staff_headcount'] = $st->staffHeadcount;
        $members['staff_party_members'] = $st->staffParty;
        $members['staff_party_ratio'] = $ratio($st->staffRatio);

        $pipeline = $st->pipeline;
        $pipeline['due_for_conversion'] = [];
        foreach ($st->due as [$id, $on]) {
            $pipeline['due_for_conversion'][] = ['id' => $id, 'due_on' => $date($on)];
        }
        $pipeline['overdue_conversion'] = [];
        foreach ($st->overdue as [$id, $on]) {
            $pipeline['overdue_conversion'][] = ['id' => $id, 'due_on' => $date($on)];
        }
        $pipeline['hired'] = $st->hired;
        $pipeline['hired_party_members'] = $st->hiredParty;

        $sv = $st->service;
        $service = [
            'activities' => $sv['activities'], 'hours' => $amt($sv['hours']), 'fee_waived' => $amt($sv['fee_waived']),
            'donation' => $amt($sv['donation']), 'beneficiaries' => $sv['beneficiaries'],
            'volunteer_hours' => $amt($sv['volunteer_hours']), 'volunteers' => $sv['volunteers'],
            'participation_ratio' => $ratio($st->participationRatio),
            'by_kind' => [], 'by_venue_kind' => [], 'by_month' => [], 'top_volunteers' => [],
        ];
        foreach ($st->serviceByKind as [$k, [$c, $h, $f, $d, $b]]) {
            $service['by_kind'][$k] = ['activities' => $c, 'hours' => $amt($h), 'fee_waived' => $amt($f),
                'donation' => $amt($d), 'beneficiaries' => $b];
        }
        foreach ($st->byVenueKind as [$k, [$v, $c, $b, $h]]) {
            $service['by_venue_kind'][$k] = ['venues' => $v, 'activities' => $c, 'beneficiaries' => $b,
                'hours' => $amt($h)];
        }
        foreach ($st->byMonth as [$mo, $c, $h, $b]) {
            $service['by_month'][] = ['month' => $mo, 'activities' => $c, 'hours' => $amt($h), 'beneficiaries' => $b];
        }
        foreach ($st->top as [$id, $h, $c]) {
            $service['top_volunteers'][] = ['id' => $id, 'hours' => $amt($h), 'activities' => $c];
        }
        $service['party_volunteer_hours'] = $amt($st->partyVolunteerHours);
        $service['party_volunteers'] = $st->partyVolunteers;
        $service['by_project'] = [];
        foreach ($st->byProject as [$k, [$c, $h, $f, $d, $b, $v]]) {
            $service['by_project'][$k] = ['activities' => $c, 'hours' => $amt($h), 'fee_waived' => $amt($f),
                'donation' => $amt($d), 'beneficiaries' => $b, 'volunteers' => $v];
        }

        $meetings = ['total' => $st->meetingsTotal, 'hours' => $amt($st->meetingsHours), 'by_kind' => [],
            'missing' => []];
        foreach ($st->meetingsByKind as [$k, $c]) {
            $meetings['by_kind'][$k] = $c;
        }
        foreach ($st->missing as $k => $list) {
            $meetings['missing'][$k] = $list;
        }

        return [
            'period' => ['from' => $date($st->from), 'to' => $date($st->to), 'as_of' => $date($st->asOf)],
            'members' => $members,
            'pipeline' => $pipeline,
            'service' => $service,
            'meetings' => $meetings,
        ];
    }

    /** statsJson(): compact, keys in the contract's order. Every string printed is a date or a slug, but
     *  project names, which are escaped as toJson() escapes strings (Json::str). */
    public static function toJson(Stats $st): string
    {
        $a = [Values::class, 'formatAmount'];
        $r = static fn (?int $t): string => $t === null ? 'null' : Values::formatRatio($t);
        $q = static fn (string $s): string => '"' . $s . '"';
        $date = static fn (int $d): string => '"' . Values::formatDate($d) . '"';

        $o = '{"period":{"from":' . $date($st->from) . ',"to":' . $date($st->to) . ',"as_of":'
            . $date($st->asOf) . '}';

        $m = $st->members;
        $o .= ',"members":{"applicants":' . $m['applicants'] . ',"activists":' . $m['activists']
            . ',"candidates":' . $m['candidates'] . ',"probationary":' . $m['probationary'] . ',"full":' . $m['full']
            . ',"party_members":' . $m['party_members']
            . ',"staff_headcount":' . ($st->staffHeadcount === null ? 'null' : $st->staffHeadcount)
            . ',"staff_party_members":' . $st->staffParty . ',"staff_party_ratio":' . $r($st->staffRatio) . '}';

        $p = $st->pipeline;
        $o .= ',"pipeline":{"applied":' . $p['applied'] . ',"activists":' . $p['activists'] . ',"candidates":'
            . $p['candidates'] . ',"admitted":' . $p['admitted'] . ',"converted":' . $p['converted']
            . ',"transferred_in":' . $p['transferred_in'] . ',"left":' . $p['left'] . ',"eligible_candidates":'
            . $p['eligible_candidates'] . ',"due_for_conversion":[';
        $parts = [];
        foreach ($st->due as [$id, $on]) {
            $parts[] = '{"id":' . $id . ',"due_on":' . $date($on) . '}';
        }
        $o .= implode(',', $parts) . '],"overdue_conversion":[';
        $parts = [];
        foreach ($st->overdue as [$id, $on]) {
            $parts[] = '{"id":' . $id . ',"due_on":' . $date($on) . '}';
        }
        $o .= implode(',', $parts) . '],"hired":' . $st->hired . ',"hired_party_members":' . $st->hiredParty . '}';

        $s = $st->service;
        $o .= ',"service":{"activities":' . $s['activities'] . ',"hours":' . $a($s['hours']) . ',"fee_waived":'
            . $a($s['fee_waived']) . ',"donation":' . $a($s['donation']) . ',"beneficiaries":' . $s['beneficiaries']
            . ',"volunteer_hours":' . $a($s['volunteer_hours']) . ',"volunteers":' . $s['volunteers']
            . ',"participation_ratio":' . $r($st->participationRatio) . ',"by_kind":{';
        $parts = [];
        foreach ($st->serviceByKind as [$k, [$c, $h, $f, $d, $b]]) {
            $parts[] = $q($k) . ':{"activities":' . $c . ',"hours":' . $a($h) . ',"fee_waived":' . $a($f)
                . ',"donation":' . $a($d) . ',"beneficiaries":' . $b . '}';
        }
        $o .= implode(',', $parts) . '},"by_venue_kind":{';
        $parts = [];
        foreach ($st->byVenueKind as [$k, [$v, $c, $b, $h]]) {
            $parts[] = $q($k) . ':{"venues":' . $v . ',"activities":' . $c . ',"beneficiaries":' . $b
                . ',"hours":' . $a($h) . '}';
        }
        $o .= implode(',', $parts) . '},"by_month":[';
        $parts = [];
        foreach ($st->byMonth as [$mo, $c, $h, $b]) {
            $parts[] = '{"month":"' . $mo . '","activities":' . $c . ',"hours":' . $a($h) . ',"beneficiaries":'
                . $b . '}';
        }
        $o .= implode(',', $parts) . '],"top_volunteers":[';
        $parts = [];
        foreach ($st->top as [$id, $h, $c]) {
            $parts[] = '{"id":' . $id . ',"hours":' . $a($h) . ',"activities":' . $c . '}';
        }
        $o .= implode(',', $parts) . '],"party_volunteer_hours":' . $a($st->partyVolunteerHours)
            . ',"party_volunteers":' . $st->partyVolunteers . ',"by_project":{';
        $parts = [];
        foreach ($st->byProject as [$k, [$c, $h, $f, $d, $b, $v]]) {
            $parts[] = Json::str($k) . ':{"activities":' . $c . ',"hours":' . $a($h) . ',"fee_waived":' . $a($f)
                . ',"donation":' . $a($d) . ',"beneficiaries":' . $b . ',"volunteers":' . $v . '}';
        }
        $o .= implode(',', $parts) . '}}';

        $o .= ',"meetings":{"total":' . $st->meetingsTotal . ',"hours":' . $a($st->meetingsHours)
            . ',"by_kind":{';
        $parts = [];
        foreach ($st->meetingsByKind as [$k, $c]) {
            $parts[] = $q($k) . ':' . $c;
        }
        $o .= implode(',', $parts) . '},"missing":{';
        $parts = [];
        foreach ($st->missing as $k => $list) {
            $parts[] = $q((string)$k) . ':[' . implode(',', array_map($q, $list)) . ']';
        }
        $o .= implode(',', $parts) . '}}}';
        return $o;
    }
}
