# Indonesian dates spell the month out: "10 Februari 2026", "10 Februari 2026 14.30".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H.i"
SHORT_DATE_FORMAT = "d-m-Y"
THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","
