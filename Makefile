# entente -- build, test, benchmark and demo.
#
#   make            build/entente and build/libentente.a
#   make test       unit, golden and CLI tests; ends "N passed, N failed"
#   make check      the same under AddressSanitizer + UBSan (build/check/)
#   make bench      throughput on ../shared corpora (skips if absent)
#   make demo       code examples/news.jsonl, print a dyad summary, store
#                   the events and write the CHN-RUS report
#   make deps       install the Debian packages the build needs

BUILD    ?= build
CC       ?= cc
PKGS      = libutf8proc jansson libxml-2.0 sqlite3 cairo
OPT      ?= -O2 -g
SANITIZE ?=
CFLAGS   ?=
WARN      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra \
            -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
MISSING := $(if $(strip $(PKG_LIBS)),,libs)$(if $(wildcard /usr/include/cld2/public/compact_lang_det.h),,cld2)
ifneq ($(MISSING),)
ifeq ($(filter deps test check demo bench clean format,$(MAKECMDGOALS)),)
$(error libutf8proc-dev, libjansson-dev, libxml2-dev, libsqlite3-dev, libcairo2-dev or libcld2-dev not found: run `make deps` (make test and make demo install them too))
endif
endif

ALL_CFLAGS = $(WARN) $(OPT) $(SANITIZE) -Iinclude -Isrc $(PKG_CFLAGS) \
             -DENT_DICT_DIR='"$(CURDIR)/dict"' \
             -DENT_MODEL_DIR='"$(CURDIR)/models"' $(CFLAGS)
LDLIBS     = $(PKG_LIBS) -lcld2 -lstdc++ -lpthread -lm
# src/cld2.cc, the one C++ file: CLD2 (language identification) has only a
# C++ interface
CXX      ?= g++
ALL_CXXFLAGS = -std=c++11 -Wall -Wextra -Werror $(OPT) $(SANITIZE) -Iinclude \
               -Isrc $(CXXFLAGS)

# The pipeline, in order.
LIB_SRC = src/alloc.c src/hash.c src/date.c src/when.c src/html.c src/jsonl.c src/ingest.c src/text.c \
          src/lang.c src/lemma.c src/lexicon.c src/import.c src/lint.c src/treebank.c src/perceptron.c src/tagger.c src/parser.c src/nlp.c src/code.c src/eval.c \
          src/dedup.c src/store.c src/evread.c src/analyze.c src/network.c \
          src/plot.c
CLI_SRC = cli/main.c cli/output.c cli/cmd_code.c cli/cmd_explain.c \
          cli/cmd_dict.c cli/cmd_tag.c cli/cmd_parse.c cli/cmd_eval.c \
          cli/coding.c cli/cmd_load.c cli/cmd_dyad.c cli/cmd_report.c \
          cli/cmd_network.c
TEST_SRC = tests/unit/main.c tests/unit/test_text.c tests/unit/test_lexicon.c \
           tests/unit/test_code.c tests/unit/test_ingest.c tests/unit/test_alloc.c \
           tests/unit/test_treebank.c tests/unit/test_tagger.c tests/unit/test_eval.c \
           tests/unit/test_parser.c tests/unit/test_import.c \
           tests/unit/test_when.c \
           tests/unit/test_store.c tests/unit/test_plot.c \
           tests/unit/test_report.c tests/unit/test_network.c \
           tests/unit/test_dedup.c

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/src/cld2.o
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(BUILD)/%.o)
HDRS     = include/entente.h src/internal.h cli/cli.h tests/unit/harness.h

.PHONY: all test run-tests check bench demo deps clean format fuzz model

all: $(BUILD)/entente $(BUILD)/libentente.a

$(BUILD)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/src/cld2.o: src/cld2.cc include/entente.h
	@mkdir -p $(dir $@)
	@echo "CXX $<"
	@$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

$(BUILD)/libentente.a: $(LIB_OBJ)
	@rm -f $@
	@echo "AR $@"
	@ar rcs $@ $^

$(BUILD)/entente: $(CLI_OBJ) $(BUILD)/libentente.a
	@echo "LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libentente.a $(LDLIBS)

$(BUILD)/unit: $(TEST_OBJ) $(BUILD)/libentente.a
	@echo "LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $(TEST_OBJ) $(BUILD)/libentente.a $(LDLIBS)

$(BUILD)/golden: $(BUILD)/tests/golden.o $(BUILD)/libentente.a
	@echo "LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libentente.a $(LDLIBS)

# test, check and demo install missing Debian packages first, then build in a
# fresh make so that pkg-config sees them.
test: deps
	@$(MAKE) --no-print-directory run-tests

run-tests: $(BUILD)/entente $(BUILD)/unit $(BUILD)/golden
	@BUILD=$(BUILD) sh tests/run.sh

# fontconfig (under cairo's text) keeps caches for the life of a process:
# tests/lsan.supp tells LeakSanitizer they are not entente's leaks.
check: deps
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  $(MAKE) --no-print-directory BUILD=build/check \
	  OPT="-O1 -g -fno-omit-frame-pointer" \
	  SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  run-tests

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/entente $(BUILD)/unit
	@sh bench/run.sh $(BUILD)/entente

demo: deps
	@$(MAKE) --no-print-directory $(BUILD)/entente
	@sh examples/demo.sh $(BUILD)/entente

deps:
	@sh tools/install-deps.sh

# Retrain the committed tagger and parser models from ../shared (see
# models/README.md), then score them on the EWT and GUM-news test sets.
TREEBANK ?= ../shared/data/treebank
model: $(BUILD)/entente
	$(BUILD)/entente tag --train $(TREEBANK)/en-ewt/en_ewt-ud-train.conllu \
	  -o models/tagger.bin
	$(BUILD)/entente parse --train $(TREEBANK)/en-ewt/en_ewt-ud-train.conllu \
	  -o models/parser.bin
	$(BUILD)/entente parse --eval $(TREEBANK)/en-ewt/en_ewt-ud-test.conllu \
	  $(TREEBANK)/gum-news/gum-news-test.conllu

# libFuzzer over ent_code() with ASan+UBSan (needs clang); FUZZ_SECONDS=60.
# The global statics of the fuzz target are the harness's, not the library's.
FUZZ_SECONDS ?= 60
fuzz:
	@mkdir -p build/fuzz
	clang++ -g -O1 -fsanitize=fuzzer-no-link,address,undefined -Iinclude \
	  -Isrc -c -o build/fuzz/cld2.o src/cld2.cc
	clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
	  $(PKG_CFLAGS) -DENT_DICT_DIR='"$(CURDIR)/dict"' \
	  -o build/fuzz/fuzz_code tests/fuzz/fuzz_code.c $(LIB_SRC) \
	  build/fuzz/cld2.o $(LDLIBS)
	build/fuzz/fuzz_code -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	  -dict=tests/fuzz/words.dict build/fuzz/corpus examples

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) include/entente.h src/internal.h

clean:
	rm -rf build
