package wpbody

import "strings"

// testOptions know attachments 1, 2, 3 and 5, and move old.example's
// addresses to the new site.
func testOptions() Options {
	return Options{
		Attachment: func(id string) (string, string, string, bool) {
			switch id {
			case "1", "2", "3", "5":
				return "https://old.example/wp-content/uploads/" + id + ".jpg", "Alt " + id, "Caption " + id, true
			}
			return "", "", "", false
		},
		URL: func(u string) string {
			if rest, ok := strings.CutPrefix(u, "https://old.example/wp-content/uploads/"); ok {
				return "/uploads/" + rest
			}
			if rest, ok := strings.CutPrefix(u, "https://old.example/"); ok {
				return "/" + rest
			}
			return u
		},
	}
}
