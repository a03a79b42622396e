--TEST--
Spec: dates are real YYYY-MM-DD calendar dates from 1900-01-01 to 2199-12-31; '' and null mean no date
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach (['2000-02-29', '1900-01-01', '2199-12-31', '2024-02-29', '', null,
          '2024-02-30', '2023-02-29', '1900-02-29', '2100-02-29', '1899-12-31', '2200-01-01', '2024-1-01', '2024-01-1',
          ' 2024-01-01', '2024-01-01 ', '2024/01/01', '2024-13-01', '2024-00-10', '2024-01-00', '2024-04-31', '20240101',
          20240101, '2024-01-01T00:00:00', '+2024-01-01', '0000-01-01', '9999-12-31', 1.5] as $v) {
    echo var_export($v, true), ': ';
    attempt(function () use ($v) {
        $d = people([['id' => 1, 'applied_on' => $v], ['id' => 2, 'full_on' => '1950-06-06']]);
        return $d->stats()['period']['to'];
    });
}
?>
--EXPECT--
'2000-02-29': ok "2000-02-29"
'1900-01-01': ok "1950-06-06"
'2199-12-31': ok "2199-12-31"
'2024-02-29': ok "2024-02-29"
'': ok "1950-06-06"
NULL: ok "1950-06-06"
'2024-02-30': Dangjian\InvalidRecord: people[0].applied_on: "2024-02-30" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2023-02-29': Dangjian\InvalidRecord: people[0].applied_on: "2023-02-29" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'1900-02-29': Dangjian\InvalidRecord: people[0].applied_on: "1900-02-29" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2100-02-29': Dangjian\InvalidRecord: people[0].applied_on: "2100-02-29" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'1899-12-31': Dangjian\InvalidRecord: people[0].applied_on: "1899-12-31" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2200-01-01': Dangjian\InvalidRecord: people[0].applied_on: "2200-01-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2024-1-01': Dangjian\InvalidRecord: people[0].applied_on: "2024-1-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2024-01-1': Dangjian\InvalidRecord: people[0].applied_on: "2024-01-1" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
' 2024-01-01': Dangjian\InvalidRecord: people[0].applied_on: " 2024-01-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2024-01-01 ': Dangjian\InvalidRecord: people[0].applied_on: "2024-01-01 " is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2024/01/01': Dangjian\InvalidRecord: people[0].applied_on: "2024/01/01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2024-13-01': Dangjian\InvalidRecord: people[0].applied_on: "2024-13-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2024-00-10': Dangjian\InvalidRecord: people[0].applied_on: "2024-00-10" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2024-01-00': Dangjian\InvalidRecord: people[0].applied_on: "2024-01-00" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2024-04-31': Dangjian\InvalidRecord: people[0].applied_on: "2024-04-31" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'20240101': Dangjian\InvalidRecord: people[0].applied_on: "20240101" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
20240101: Dangjian\InvalidRecord: people[0].applied_on: 20240101 is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'2024-01-01T00:00:00': Dangjian\InvalidRecord: people[0].applied_on: "2024-01-01T00:00:00" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'+2024-01-01': Dangjian\InvalidRecord: people[0].applied_on: "+2024-01-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'0000-01-01': Dangjian\InvalidRecord: people[0].applied_on: "0000-01-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
'9999-12-31': Dangjian\InvalidRecord: people[0].applied_on: "9999-12-31" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
1.5: Dangjian\InvalidRecord: people[0].applied_on: a float is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
