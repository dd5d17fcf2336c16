package content

import "testing"

func TestSmarten(t *testing.T) {
	tests := map[string]string{
		`What a 'non-denial' means`:     "What a ‘non-denial’ means",
		`Kremlin's "cryptic" stance`:    "Kremlin’s “cryptic” stance",
		`"Quoted" at the start`:         "“Quoted” at the start",
		`Q&A: Siobhán O'Brien`:          "Q&A: Siobhán O’Brien",
		`Rock 'n' roll in the '90s`:     "Rock ‘n’ roll in the ‘90s",
		`Wait... what -- and --- then`:  "Wait… what – and — then",
		`Why "<b>" tags & smart quotes`: "Why “<b>” tags & smart quotes",
		`(‘nested’ "and" 'single')`:     "(‘nested’ “and” ‘single’)",
		`no quotes at all`:              "no quotes at all",
		`Putin-Trump contacts`:          "Putin-Trump contacts",
		`He said: "it's over."`:         "He said: “it’s over.”",
		`Łódź's "ś"`:                    "Łódź’s “ś”",
	}
	for in, want := range tests {
		if got := Smarten(in); got != want {
			t.Errorf("Smarten(%q) = %q, want %q", in, got, want)
		}
	}
}
