// mg_lzc: leading-zero count.  count_o = number of zeros above the highest
// set bit of in_i (Width when in_i is 0).
//
// A log-depth tree: the input is zero-padded at the bottom to P = 2^L bits;
// level 0 holds, per bit, "all zero" and an empty count; each level merges
// neighbouring pairs of blocks (upper half, lower half):
//   zero  = zero_hi & zero_lo
//   count = zero_hi ? {1, count_lo} : {0, count_hi}
// so a block of 2^k bits has a k-bit count and the root gives the count in
// L bits plus its zero flag; depth grows with log2(Width), not Width.  The
// padding never changes the count of a nonzero input, and an all-zero input
// gives Width (not P) through zero_o.
`default_nettype none

module mg_lzc #(
  parameter integer Width      = 16,
  parameter integer CountWidth = 5  // 2^CountWidth > Width
) (
  input  wire [Width-1:0]      in_i,
  output wire [CountWidth-1:0] count_o,
  output wire                  zero_o
);
  localparam integer Levels = (Width > 1) ? $clog2(Width) : 1;
  localparam integer Padded = 1 << Levels;
  localparam [31:0]  WidthVec = Width;

  wire [Padded-1:0] padded;
  generate
    if (Padded > Width) begin : gen_pad
      assign padded = {in_i, {(Padded-Width){1'b0}}};
    end else begin : gen_fit
      assign padded = in_i;
    end
  endgenerate

  // The tree, one generate scope per level, each reading the one below
  // (a single vector for all levels reads itself, which Verilator flags as
  // circular logic; a loop in an always block made Yosys keep a copy of the
  // whole tree per assignment: 177k wire bits for a 64-bit count, most of a
  // cost run's time).  Level k has Padded >> k blocks of 2^k bits: block
  // b's zero flag is z[b], its count (at most Levels bits) c[b*Levels +:
  // Levels].  Level 0 is one block per bit, block 0 the top bit.
  genvar k, b;
  generate
    for (k = 0; k <= Levels; k = k + 1) begin : gen_level
      wire [(Padded >> k)-1:0]        z;
      wire [(Padded >> k)*Levels-1:0] c;
      if (k == 0) begin : gen_leaf
        for (b = 0; b < Padded; b = b + 1) begin : gen_bit
          assign z[b]                 = ~padded[Padded-1-b];
          assign c[b*Levels +: Levels] = {Levels{1'b0}};
        end
      end else begin : gen_merge
        localparam [Levels-1:0] Half = 1 << (k - 1);  // the upper half's size in bits
        for (b = 0; b < (Padded >> k); b = b + 1) begin : gen_block
          assign z[b] = gen_level[k-1].z[2*b] & gen_level[k-1].z[2*b+1];
          assign c[b*Levels +: Levels] =
            gen_level[k-1].z[2*b] ? (Half | gen_level[k-1].c[(2*b+1)*Levels +: Levels])
                                  : gen_level[k-1].c[(2*b)*Levels +: Levels];
        end
      end
    end
  endgenerate

  wire            all_zero = gen_level[Levels].z[0];
  wire [Levels:0] root     = {1'b0, gen_level[Levels].c[0 +: Levels]};
  wire [31:0]     root_ext = {{(31-Levels){1'b0}}, root};
  wire [31:0]     count    = all_zero ? WidthVec : root_ext;

  assign count_o = count[CountWidth-1:0];
  assign zero_o  = all_zero;

  wire unused_ok = &{1'b0, count[31:CountWidth], 1'b0};
endmodule

`default_nettype wire
