// A small Eleventy blog written for folio's migrate tests.
module.exports = function (config) {
  config.addShortcode("image", (src, alt) => `<img src="/${src}" alt="${alt}">`);
  return { dir: { input: "src", includes: "_includes", data: "_data" } };
};
