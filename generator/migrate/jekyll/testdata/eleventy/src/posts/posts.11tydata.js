module.exports = {
  layout: "post.njk",
  permalink: "/{{ page.date | toDatePath }}/{{ page.fileSlug }}/",
};
