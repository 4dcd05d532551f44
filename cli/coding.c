/*
 * coding.c -- the coding loop shared by `entente code` and `entente load`.
 *
 * Both read news files (text or JSONL), code each document and hand the
 * result on: code prints events, load stores them. Reading, coding and the
 * reporting of bad documents (file and line, --strict) live here once.
 */
#include "cli.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int cli_code_setup(const cli_cmd *cmd, const cli_args *a, cli_code_run *run)
{
    const char *date = cli_get(cmd, a, "date");
    char tmp[11];
    memset(run, 0, sizeof *run);
    if (cli_input_format(cmd->name, cli_get(cmd, a, "input"), &run->rc.format))
        return EXIT_USAGE;
    if (date && ent_date_parse(date, strlen(date), tmp)) {
        cli_error("%s: bad --date '%s' (want YYYY-MM-DD)", cmd->name, date);
        return EXIT_USAGE;
    }
    cli_today(run->today);
    run->rc.default_date = date;
    run->rc.text_date = run->today;
    run->strict = cli_get(cmd, a, "strict") != NULL;
    run->progress = cli_get(cmd, a, "progress") != NULL || isatty(2);
    run->jobs = 1;
    if (cli_get(cmd, a, "jobs")) {
        const char *j = cli_get(cmd, a, "jobs");
        char *end;
        long n = strtol(j, &end, 10);
        if (!*j || *end || n < 1 || n > 256) {
            cli_error("%s: bad -j '%s' (want 1 to 256 threads)", cmd->name,
                      j);
            return EXIT_USAGE;
        }
        run->jobs = (int)n;
    } else {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        run->jobs = n < 1 ? 1 : n > 64 ? 64 : (int)n; /* all cores */
    }
    return EXIT_OK;
}

/* The name of file for messages ("<stdin>" for "-"). */
static const char *shown(const char *file)
{
    return strcmp(file, "-") ? file : "<stdin>";
}

/* Hand one coded document on (k: what ent_code() returned, err: the
 * coder's message): report a failure, or pass the result to run->fn and
 * count it. Returns EXIT_OK, EXIT_BADINPUT (a bad document: go on unless
 * --strict) or an exit code that stops the run; *stop is set when the run
 * must stop here. */
static int deliver(cli_code_run *run, const char *file, const ent_doc *doc,
                   int k, const char *err, const ent_result *res, int *stop)
{
    if (k) {
        cli_error("%s: document %s: %s", file, doc->id ? doc->id : "?", err);
        if (k == ENT_ENOMEM || run->strict)
            *stop = 1;
        return k == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
    }
    k = run->fn(run->ud, file, doc, res);
    if (k) {
        *stop = 1;
        return k;
    }
    run->docs++;
    run->sents += res->nsents;
    run->events += res->nevents;
    if (res->lang[0] && strcmp(res->lang, "en")) {
        if (!run->foreign++ && (!doc->id || !strcmp(doc->id, file)))
            snprintf(run->first_foreign, sizeof run->first_foreign,
                     "%s (%s)", file, res->lang);
        else if (run->foreign == 1)
            snprintf(run->first_foreign, sizeof run->first_foreign,
                     "%s: %s (%s)", file, doc->id, res->lang);
    }
    return EXIT_OK;
}

/* The progress line on stderr, at most once a second (final: the last
 * one, ended by a newline): documents, events, documents/s and, when the
 * input's size is known, the share read and the time left. */
static void progress(cli_code_run *run, ent_reader *r, int final)
{
    struct timespec now;
    double el, rate, share;
    unsigned long long read;
    if (!run->progress)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!final && now.tv_sec - run->last.tv_sec < 1)
        return;
    run->last = now;
    el = (double)(now.tv_sec - run->t0.tv_sec) +
         (double)(now.tv_nsec - run->t0.tv_nsec) / 1e9;
    rate = el > 0 ? (double)run->docs / el : 0;
    read = run->done_bytes + (r ? ent_reader_bytes(r) : 0);
    share = run->total ? (double)read / (double)run->total : 0;
    if (share > 1)
        share = 1;
    if (run->total && share > 0.001 && !final)
        fprintf(stderr, "\rentente: %llu documents, %llu events, %.0f "
                        "documents/s, %.0f%% read, %.0f s left   ",
                run->docs, run->events, rate, 100 * share,
                el / share - el);
    else
        fprintf(stderr, "\rentente: %llu documents, %llu events, %.0f "
                        "documents/s%s",
                run->docs, run->events, rate, final ? "\n" : "   ");
    fflush(stderr);
}

/* Keep the worse of two exit codes (fatal over bad input over success). */
static int worse(int a, int b)
{
    return a > b ? a : b;
}

/* ---- several threads (-j N) ----------------------------------------- */

/* Documents travel in batches, so that the threads meet once a batch
 * rather than once a document (each meeting costs system calls, which on
 * a shared or virtual machine are slow): at most BATCH documents or
 * BATCH_BYTES of text, and about BATCH_SECONDS of coding (measured as
 * the run goes: the shallow coder fills batches, the parse-based one
 * codes a document or two a batch, so that no worker waits long for a
 * slow batch ahead of it); the first batches are smaller (1, 2, 4...)
 * so that a short input is still spread over the threads. */
#define BATCH 64
#define BATCH_BYTES (512 * 1024)
#define BATCH_SECONDS 0.002

/* One document of a batch: a copy of it (its strings in buf) and what
 * coding it gave: a copy of the result (the coder's is overwritten by
 * the batch's next document), or ent_code()'s error. */
typedef struct item {
    ent_doc doc;
    const char *file;
    char *buf;
    size_t bufcap;
    ent_result res; /* points into text, sents, events below */
    char *text;
    ent_sentence *sents;
    ent_event *events;
    size_t textcap, sentscap, eventscap;
    int rc;
    char err[256];
} item;

/* A batch on its way through the pool, and the coder that codes it (one
 * per slot, so that its results stay valid until they are handed on). */
typedef struct slot {
    item *it; /* BATCH items, n of them filled */
    size_t n, bytes;
    double seconds; /* the coding of the batch took */
    ent_coder *c;
    int state; /* FREE, READY (to code), DONE */
} slot;

enum { FREE, READY, DONE };

/* The pool: slots in a ring, filled and handed on in input order by the
 * main thread, coded in the same order by the workers. */
typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    slot *s;
    size_t n;                /* slots */
    size_t limit;            /* documents the next batch may hold */
    double per_doc;          /* seconds of coding a document (a moving
                                average; 0 until the first batch) */
    unsigned long long head; /* next slot to hand on */
    unsigned long long next; /* next slot to code */
    unsigned long long tail; /* next slot to fill */
    int quit;
} pool;

/* Make *p hold at least need elements of size bytes; 0 when out of
 * memory (*p is kept). */
static int reserve(void **p, size_t *cap, size_t need, size_t size)
{
    void *q;
    size_t c = *cap ? *cap : 16;
    if (need <= *cap)
        return 1;
    while (c < need)
        c *= 2;
    if (!(q = realloc(*p, c * size)))
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

/* Copy the result r into the item's own buffers (it->res); 0 when out of
 * memory. */
static int keep_result(item *it, const ent_result *r)
{
    if (!reserve((void **)&it->text, &it->textcap, r->text_len + 1, 1) ||
        !reserve((void **)&it->sents, &it->sentscap, r->nsents + 1,
                 sizeof *r->sents) ||
        !reserve((void **)&it->events, &it->eventscap, r->nevents + 1,
                 sizeof *r->events))
        return 0;
    memcpy(it->text, r->text, r->text_len);
    it->text[r->text_len] = 0;
    if (r->nsents)
        memcpy(it->sents, r->sents, r->nsents * sizeof *r->sents);
    if (r->nevents)
        memcpy(it->events, r->events, r->nevents * sizeof *r->events);
    it->res = *r;
    it->res.text = it->text;
    it->res.sents = it->sents;
    it->res.events = it->events;
    return 1;
}

/* A worker: code the next READY batch, in order, until told to quit. */
static void *worker(void *arg)
{
    pool *p = arg;
    struct timespec t0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        slot *s;
        size_t k;
        while (p->next == p->tail && !p->quit)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->next == p->tail)
            break; /* quit, and nothing left */
        s = &p->s[p->next++ % p->n];
        pthread_mutex_unlock(&p->mu);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (k = 0; k < s->n; k++) {
            item *it = &s->it[k];
            const ent_result *r;
            it->rc = ent_code(s->c, &it->doc, &r);
            if (it->rc) {
                snprintf(it->err, sizeof it->err, "%s",
                         ent_coder_errmsg(s->c));
            } else if (!keep_result(it, r)) {
                it->rc = ENT_ENOMEM;
                snprintf(it->err, sizeof it->err, "out of memory");
            }
        }
        s->seconds = cli_seconds_since(&t0);
        pthread_mutex_lock(&p->mu);
        s->state = DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Free the buffers of a slot's items. */
static void slot_free(slot *s)
{
    size_t k;
    for (k = 0; s->it && k < BATCH; k++) {
        free(s->it[k].buf);
        free(s->it[k].text);
        free(s->it[k].sents);
        free(s->it[k].events);
    }
    free(s->it);
    s->it = NULL;
}

/* Copy doc (from file) into the next item of slot s; 0 when out of
 * memory. */
static int slot_add(slot *s, const ent_doc *doc, const char *file)
{
    item *it = &s->it[s->n];
    const char *f[4];
    char *q;
    size_t len[4], need = doc->text_len + 1, k;
    f[0] = doc->id;
    f[1] = doc->date ? doc->date : "";
    f[2] = doc->title;
    f[3] = doc->meta;
    for (k = 0; k < 4; k++)
        need += (len[k] = f[k] ? strlen(f[k]) : 0) + 1;
    if (!reserve((void **)&it->buf, &it->bufcap, need, 1))
        return 0;
    it->doc = *doc;
    q = it->buf;
    for (k = 0; k < 4; k++) {
        const char *z = NULL;
        if (f[k]) {
            memcpy(q, f[k], len[k] + 1);
            z = q;
            q += len[k] + 1;
        }
        if (k == 0)
            it->doc.id = z;
        else if (k == 1)
            it->doc.date = z;
        else if (k == 2)
            it->doc.title = z;
        else
            it->doc.meta = z;
    }
    if (doc->text_len)
        memcpy(q, doc->text, doc->text_len);
    q[doc->text_len] = 0;
    it->doc.text = q;
    it->file = file;
    s->n++;
    s->bytes += doc->text_len;
    return 1;
}

/* Hand the slot at p->tail, being filled, to the workers: nothing when
 * it holds no document or is not being filled (when every slot is in
 * flight, the slot at p->tail is the oldest one, already handed over);
 * until the coding time of a document is known, the next batch may hold
 * twice as many documents. */
static void publish(pool *p)
{
    slot *s = &p->s[p->tail % p->n];
    if (!s->n || s->state != FREE)
        return;
    pthread_mutex_lock(&p->mu);
    s->state = READY;
    p->tail++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    if (!p->per_doc && p->limit < BATCH)
        p->limit *= 2;
}

/* Wait for the oldest batch to be coded and hand its documents on,
 * unless the run has halted (*halt: documents after a fatal or --strict
 * failure are dropped, as the one-thread loop never codes them). */
static int hand_on(pool *p, cli_code_run *run, int *halt)
{
    slot *s = &p->s[p->head % p->n];
    int st = EXIT_OK;
    size_t k;
    pthread_mutex_lock(&p->mu);
    while (s->state != DONE)
        pthread_cond_wait(&p->done, &p->mu);
    pthread_mutex_unlock(&p->mu);
    if (s->n) {
        /* size the next batches to about BATCH_SECONDS of coding */
        double x = s->seconds / (double)s->n, want;
        p->per_doc = p->per_doc ? 0.8 * p->per_doc + 0.2 * x : x;
        want = p->per_doc > 0 ? BATCH_SECONDS / p->per_doc : BATCH;
        p->limit = want < 1 ? 1 : want > BATCH ? BATCH : (size_t)want;
    }
    for (k = 0; k < s->n && !*halt; k++) {
        item *it = &s->it[k];
        st = worse(st, deliver(run, it->file, &it->doc, it->rc, it->err,
                               &it->res, halt));
    }
    s->n = s->bytes = 0;
    s->state = FREE;
    p->head++;
    return st;
}

/* ---- the loop ------------------------------------------------------- */

int cli_code_files(ent_coder *c, char **files, int nfiles, cli_code_run *run)
{
    int i, status = EXIT_OK, nthreads = run->jobs > 1 ? run->jobs : 1;
    int stop = 0; /* stop reading */
    int halt = 0; /* stop handing on (a fatal or --strict failure) */
    pool p;
    pthread_t *th = NULL;
    int started = 0;
    memset(&p, 0, sizeof p);
    clock_gettime(CLOCK_MONOTONIC, &run->t0);
    run->last = run->t0;
    for (i = 0; run->progress && i < nfiles; i++) {
        struct stat sb;
        if (strcmp(files[i], "-") && !stat(files[i], &sb) &&
            S_ISREG(sb.st_mode))
            run->total += (unsigned long long)sb.st_size;
        else {
            run->total = 0; /* a stream: no share, no time left */
            break;
        }
    }
    if (nthreads > 1) {
        /* two batches a thread in flight: one coding, one waiting to be
         * handed on */
        p.n = (size_t)nthreads * 2;
        p.limit = 1;
        p.s = calloc(p.n, sizeof *p.s);
        th = calloc((size_t)nthreads, sizeof *th);
        if (!p.s || !th) {
            free(p.s);
            free(th);
            cli_error("out of memory");
            return EXIT_FATAL;
        }
        for (i = 0; i < (int)p.n; i++)
            if (!(p.s[i].it = calloc(BATCH, sizeof *p.s[i].it)) ||
                ent_coder_clone(c, &p.s[i].c)) {
                cli_error("out of memory");
                status = EXIT_FATAL;
                stop = 1;
                break;
            }
        pthread_mutex_init(&p.mu, NULL);
        pthread_cond_init(&p.work, NULL);
        pthread_cond_init(&p.done, NULL);
        for (i = 0; !stop && i < nthreads; i++) {
            if (pthread_create(&th[i], NULL, worker, &p)) {
                cli_error("cannot start a thread");
                status = EXIT_FATAL;
                stop = 1;
                break;
            }
            started++;
        }
    }
    for (i = 0; i < nfiles && !stop; i++) {
        ent_reader *r = NULL;
        char err[1024];
        const char *file = shown(files[i]);
        int k = ent_reader_open(files[i], &run->rc, &r, err, sizeof err);
        if (k) {
            cli_error("%s", err[0] ? err : ent_strerror(k));
            status = worse(status,
                           k == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT);
            if (run->strict || k == ENT_ENOMEM)
                break;
            continue;
        }
        if (!run->rc.default_date && ent_reader_format(r) == ENT_INPUT_TEXT)
            cli_warn("%s: no --date given; using today's date %s", file,
                     run->today);
        while (!stop) {
            const ent_doc *doc;
            const ent_result *res;
            k = ent_reader_next(r, &doc);
            if (k == ENT_DONE)
                break;
            if (k) {
                cli_error("%s", ent_reader_errmsg(r));
                status = worse(status, EXIT_BADINPUT);
                if (k == ENT_EIO || k == ENT_ENOMEM) {
                    status = EXIT_FATAL;
                    stop = 1;
                } else if (run->strict) {
                    stop = 1;
                }
                continue;
            }
            if (run->skip) {
                k = run->skip(run->ud, file, doc);
                if (k == 1) {
                    run->skipped++;
                    continue;
                }
                if (k) {
                    status = k;
                    stop = 1;
                    break;
                }
            }
            progress(run, r, 0);
            if (nthreads == 1) {
                k = ent_code(c, doc, &res);
                status = worse(status, deliver(run, file, doc, k,
                                               ent_coder_errmsg(c), res,
                                               &halt));
                stop |= halt;
                continue;
            }
            /* the slot at tail must be free before it is filled */
            while (p.tail - p.head == p.n && !halt)
                status = worse(status, hand_on(&p, run, &halt));
            if (halt) {
                stop = 1;
                break;
            }
            if (!slot_add(&p.s[p.tail % p.n], doc, file)) {
                cli_error("out of memory");
                status = EXIT_FATAL;
                stop = 1;
                break;
            }
            if (p.s[p.tail % p.n].n >= p.limit ||
                p.s[p.tail % p.n].bytes >= BATCH_BYTES)
                publish(&p);
        }
        /* the file's last batch (the reader owns nothing it uses: slots
         * hold copies) */
        if (nthreads > 1 && !halt)
            publish(&p);
        run->bytes += ent_reader_bytes(r);
        run->done_bytes += ent_reader_bytes(r);
        ent_reader_free(r);
    }
    if (nthreads > 1) {
        while (p.head < p.tail)
            status = worse(status, hand_on(&p, run, &halt));
        pthread_mutex_lock(&p.mu);
        p.quit = 1;
        pthread_cond_broadcast(&p.work);
        pthread_mutex_unlock(&p.mu);
        for (i = 0; i < started; i++)
            pthread_join(th[i], NULL);
        for (i = 0; i < (int)p.n; i++) {
            ent_coder_free(p.s[i].c);
            slot_free(&p.s[i]);
        }
        pthread_cond_destroy(&p.work);
        pthread_cond_destroy(&p.done);
        pthread_mutex_destroy(&p.mu);
        free(p.s);
        free(th);
    }
    progress(run, NULL, 1);
    return status;
}

void cli_code_report(const cli_code_run *run)
{
    if (run->foreign)
        cli_warn("%llu document%s not in English, not coded (the first: "
                 "%s); --set detect_language=no codes them",
                 run->foreign, run->foreign == 1 ? "" : "s",
                 run->first_foreign);
}
