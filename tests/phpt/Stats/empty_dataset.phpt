--TEST--
statsJson(): with no data and a given to, counts and sums are 0, lists empty, ratios null; by_month and missing cover the period
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
echo $d->statsJson(['to' => '2024-03-15']), "\n";
?>
--EXPECT--
{"period":{"from":"2024-01-01","to":"2024-03-15","as_of":"2024-03-15"},"members":{"applicants":0,"activists":0,"candidates":0,"probationary":0,"full":0,"party_members":0,"staff_headcount":null,"staff_party_members":0,"staff_party_ratio":null},"pipeline":{"applied":0,"activists":0,"candidates":0,"admitted":0,"converted":0,"transferred_in":0,"left":0,"eligible_candidates":0,"due_for_conversion":[],"overdue_conversion":[],"hired":0,"hired_party_members":0},"service":{"activities":0,"hours":0.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"volunteer_hours":0.0,"volunteers":0,"participation_ratio":null,"by_kind":{},"by_venue_kind":{},"by_month":[{"month":"2024-01","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-02","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-03","activities":0,"hours":0.0,"beneficiaries":0}],"top_volunteers":[],"party_volunteer_hours":0.0,"party_volunteers":0,"by_project":{}},"meetings":{"total":0,"hours":0.0,"by_kind":{},"missing":{"branch_assembly":[],"committee":["2024-01","2024-02"],"group_meeting":["2024-01","2024-02"],"life_meeting":[],"party_lesson":[],"theme_day":["2024-01","2024-02"]}}}
