<?php
// The embed harness runs this with "a b": it must see the extension compiled in,
// its own arguments, and pass the exit status on.
echo extension_loaded('dangjian') ? 'dangjian' : 'none', ' ', \Dangjian\VERSION, ' ',
    implode(',', array_slice($argv, 1)), ' ', PHP_SAPI, "\n";
exit(3);
