// Command pagebytes tells what a reader's browser fetches to show pages
// of a built site: it serves the folder on localhost, opens each page in
// headless Chromium at a phone's viewport, and sums the bytes of the
// page and of each kind of resource it loaded (bodies as served,
// uncompressed: hosts that gzip send less of the HTML, CSS and
// JavaScript), first as the page opens and then after scrolling to its
// end, when lazily loaded pictures have come too.
//
//	go run ./generator/bench/pagebytes -dir public /articles/some-story/ /
//
// -width, -height and -scale set the viewport (default 390 × 844 at a
// device pixel ratio of 3, a current phone's).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

// fetched is what the page's Resource Timing entries say it loaded.
type fetched struct {
	HTML      int            `json:"html"`
	Bytes     map[string]int `json:"bytes"` // by initiator: img, link, script, css, fetch…
	Count     map[string]int `json:"count"`
	Images    []string       `json:"images"`
	ImageSize int            `json:"imageBytes"`
}

const measure = `(() => {
  const out = {html: performance.getEntriesByType("navigation")[0].encodedBodySize, bytes: {}, count: {}, images: [], imageBytes: 0};
  for (const r of performance.getEntriesByType("resource")) {
    const kind = /\.(webp|jpe?g|png|gif|avif|svg)$/i.test(new URL(r.name).pathname) ? "image" : r.initiatorType;
    out.bytes[kind] = (out.bytes[kind] || 0) + r.encodedBodySize;
    out.count[kind] = (out.count[kind] || 0) + 1;
    if (kind === "image") { out.images.push(new URL(r.name).pathname + " " + r.encodedBodySize); out.imageBytes += r.encodedBodySize; }
  }
  return out;
})()`

func main() {
	dir := flag.String("dir", "public", "the built site's folder")
	width := flag.Int64("width", 390, "viewport width, CSS pixels")
	height := flag.Int64("height", 844, "viewport height, CSS pixels")
	scale := flag.Float64("scale", 3, "device pixel ratio")
	flag.Parse()
	if flag.NArg() == 0 {
		log.Fatal("pagebytes: name the pages to open, such as /articles/some-story/")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(ln, http.FileServer(http.Dir(*dir)))
	base := "http://" + ln.Addr().String()

	profile, err := os.MkdirTemp("", "pagebytes")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(profile)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath("chromium"), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.UserDataDir(profile), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true))
	defer cancelAlloc()
	for _, page := range flag.Args() {
		// A new tab a page: nothing cached from the one before.
		ctx, cancel := chromedp.NewContext(alloc)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(*width, *height, chromedp.EmulateScale(*scale)),
			chromedp.Navigate(base+page), chromedp.Sleep(time.Second))
		if err != nil {
			log.Fatal(err)
		}
		first, err := chromedp.Run(ctx, chromedp.Evaluate[fetched](measure))
		if err != nil {
			log.Fatal(err)
		}
		err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.body.scrollHeight)`), chromedp.Sleep(time.Second))
		if err != nil {
			log.Fatal(err)
		}
		all, err := chromedp.Run(ctx, chromedp.Evaluate[fetched](measure))
		cancel()
		if err != nil {
			log.Fatal(err)
		}
		report := func(when string, f fetched) {
			total := f.HTML
			for _, b := range f.Bytes {
				total += b
			}
			js, _ := json.Marshal(f.Bytes)
			fmt.Printf("%s at %d px ×%g, %s: %d bytes in all; HTML %d, images %d (%d), by kind %s\n", page, *width, *scale, when, total, f.HTML, f.ImageSize, f.Count["image"], js)
			for _, im := range f.Images {
				fmt.Printf("    %s\n", im)
			}
		}
		report("as it opens", first)
		report("scrolled to its end", all)
	}
}
