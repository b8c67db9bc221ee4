/* Conflict news as data: every table of class "cn-table" in a report page becomes sortable (click a column)
   and searchable (type in its filter box), with DataTables. This file and the vendored DataTables are the one
   script a page runs: the report inlines them together and its Content-Security-Policy allows only that script,
   by its hash. The tables' cells are escaped HTML already in the page: nothing here builds markup from text. */
(function () {
  "use strict";
  var PAGED_FROM = 26;   // longer tables are paged (the page length can be set to "all")
  function enhance(table) {
    var rows = table.tBodies.length ? table.tBodies[0].rows.length : 0;
    new window.DataTable(table, {
      order: [],            // the table's own order until the reader clicks a column
      paging: rows >= PAGED_FROM,
      pageLength: 25,
      lengthMenu: [10, 25, 100, { label: "all", value: -1 }],
      autoWidth: false,
      language: { search: "Filter rows:" }
    });
    table.closest(".cn-table-wrap").classList.add("cn-enhanced");
  }
  document.querySelectorAll("table.cn-table").forEach(enhance);
})();
