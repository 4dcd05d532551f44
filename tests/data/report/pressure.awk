# planted pressure: conflict USA -> RUS in month t (0-3 events) is
# followed by 2 more CHN -> RUS cooperative events per conflict in month
# t + 1, over a baseline of 0-2; other actors' events (FRA -> DEU) vary
function ev(t, k, s, tg, code, quad, g) {
    printf "{\"doc\":\"p%d\",\"sent\":0,\"date\":\"%04d-%02d-%02d\",\"source\":\"%s\",\"source_country\":\"%s\",\"target\":\"%s\",\"target_country\":\"%s\",\"code\":\"%s\",\"root\":\"%s\",\"quad\":%d,\"goldstein\":%.1f,\"context\":[]}\n", t, 2016 + int(t / 12), t % 12 + 1, k % 28 + 1, s, substr(s, 1, 3), tg, substr(tg, 1, 3), code, substr(code, 1, 2), quad, g
}
function rnd(m) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % m }
BEGIN {
    seed = 42; prev = 0
    for (t = 0; t < 48; t++) {
        k = 0
        u = rnd(4); c = rnd(3) + 2 * prev; f = rnd(5) + 3
        for (i = 0; i < c; i++) ev(t, k++, "CHNGOV", "RUSGOV", "040", 1, 1)
        for (i = 0; i < u; i++) ev(t, k++, "USAGOV", "RUSGOV", "112", 3, -2)
        for (i = 0; i < f; i++) ev(t, k++, "FRAGOV", "DEUGOV", "040", 1, 1)
        if (t % 3 == 0) ev(t, k++, "RUSGOV", "CHNGOV", "040", 1, 1)
        prev = u
    }
}
