# designed dyad (as tests/unit/test_report.c's designed store): 36 months;
# CHN -> RUS cooperation 2 1 2 1..., RUS -> CHN 1 0 1 0..., conflicts
function ev(t, day, k, s, sc, tg, tc, code, quad, g, text) {
    printf "{\"doc\":\"m%d\",\"sent\":0,\"date\":\"%04d-%02d-%s\",\"source\":\"%s\",\"source_country\":\"%s\",\"target\":\"%s\",\"target_country\":\"%s\",\"code\":\"%s\",\"root\":\"%s\",\"quad\":%d,\"goldstein\":%.1f,\"context\":[]%s}\n", t, 2019 + int(t / 12), t % 12 + 1, day, s, sc, tg, tc, code, substr(code, 1, 2), quad, g, text
}
BEGIN {
    for (t = 0; t < 36; t++) {
        ev(t, "15", 0, "CHNGOV", "CHN", "RUSGOV", "RUS", "040", 1, 3, t == 0 ? ",\"text\":\"China hailed Russia.\"" : "")
        if (t % 2 == 0) { ev(t, "16", 1, "CHNGOV", "CHN", "RUSGOV", "RUS", "040", 1, 3, ""); ev(t, "16", 2, "RUSGOV", "RUS", "CHNGOV", "CHN", "040", 1, 1, "") }
        if (t % 4 == 0) ev(t, "16", 3, "CHNMIL", "CHN", "RUSMIL", "RUS", "190", 4, -5, "")
        if (t % 6 == 0) ev(t, "16", 4, "USAGOV", "USA", "CHNGOV", "CHN", "112", 3, -2, "")
        if (t == 0) ev(t, "16", 5, "JPNGOV", "JPN", "RUSGOV", "RUS", "040", 1, 2, "")
    }
}
