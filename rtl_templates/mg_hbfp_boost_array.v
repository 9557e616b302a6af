// mg_hbfp_boost_array: the Accuracy Booster array (docs/spec/hbfp.md section
// 7): the weight-stationary HBFP array of mg_hbfp_array (Rows x Cols PEs in
// G = Rows/Block groups, one edge unit per group and column) that runs
// HBFP4 passes at one wavefront per cycle and HBFP6 passes exactly, the mode
// chosen per pass by boost_i.  A join stage (mg_hbfp_boost_join) between
// each group's bottom PE and its edge unit combines the pieces of a 6-bit
// block sum as integers and hands it on as sign and magnitude; the edge
// units that show 6-bit results (mg_hbfp_boost_edge) are built for the
// 6-bit block sum and convert both modes with the one rounding of spec
// section 3 (the high-digit columns of Arch 0 keep HBFP4 edge units,
// mg_hbfp_edge).
// The protocol, in full, is docs/hbfp_array.md ("Accuracy Booster"); in
// short, it is mg_hbfp_array's fixed schedule one cycle later at the edge
// (Lat = Block + (G-1)*L + (Pipe >= 2) + L + 1), and:
//   boost_i     sampled in every cycle load_e_i is high: the pass's mode
//   6-bit pass  each row of X takes two wavefront slots, u (the high
//               digits h of its activation mantissas) and u+1 (the low
//               digits l); ea_i/en_i, acc_i and valid_i belong to slot u+1,
//               whose results are the row's.
//   Arch 0      4x4 PEs (N = 4 = WBits): a 6-bit weight's digits h and l in
//               columns 2j and 2j+1; output j on acc_o[2j+1] (valid_o[2j]
//               stays low); Cols/2 outputs per row, 6-bit slowdown 4.
//   Arch 1      6x4 PEs (WBits = 6): 6-bit weights (4-bit ones sign-
//               extended); every column an output; 6-bit slowdown 2.
`default_nettype none

module mg_hbfp_boost_array #(
  parameter integer Rows        = 16,
  parameter integer Cols        = 16,
  parameter integer N           = 4,   // activation (and Arch 0 weight) bits, incl. the sign
  parameter integer WBits       = 4,   // weight bits: N (Arch 0) or the boost width (Arch 1)
  parameter integer Boost       = 6,   // the 6-bit mode's mantissa bits
  parameter integer Arch        = 0,   // 0: 4x4 PEs, digit pairs in column pairs; 1: 6x4 PEs
  parameter integer Block       = 16,
  parameter integer PeSumWidth  = 11,  // the PEs' column sum
  parameter integer NarrowWidth = 11,  // a 4-bit pass's block sum: 2N - 1 + log2(Block)
  parameter integer SumWidth    = 15,  // the edge units' block sum: 2*Boost - 1 + log2(Block)
  parameter integer PartWidth   = 12,  // Arch 0: the high column's partial sum
  parameter integer ExpBits     = 8,   // accumulation format
  parameter integer FracBits    = 23,
  parameter integer Bias        = 127,
  parameter integer Specials    = 0,
  parameter integer Sub         = 1,
  parameter integer Pipe        = 0,   // edge-unit registers (mg_hbfp_edge)
  parameter integer ExpWidth    = 12
) (
  input  wire                                 clk_i,
  input  wire                                 rst_ni,
  input  wire                                 load_w_i,
  input  wire [Cols*WBits-1:0]                w_i,
  input  wire                                 load_e_i,
  input  wire [Cols*8-1:0]                    eb_i,
  input  wire                                 boost_i,
  input  wire                                 valid_i,
  input  wire [Rows*N-1:0]                    a_i,
  input  wire [(Rows/Block)*8-1:0]            ea_i,
  input  wire [(Rows/Block)-1:0]              en_i,
  input  wire [Cols*(ExpBits+FracBits+1)-1:0] acc_i,
  output wire [Cols*(ExpBits+FracBits+1)-1:0] acc_o,
  output wire [Cols*5-1:0]                    flags_o,
  output wire [Cols-1:0]                      valid_o
);
  localparam integer Groups   = Rows / Block;
  localparam integer AccWidth = ExpBits + FracBits + 1;
  localparam integer L        = (Pipe >= 4) ? 3 : (Pipe == 3) ? 2 : (Pipe >= 1) ? 1 : 0;
  localparam integer Lat      = Block + (Groups - 1) * L + ((Pipe >= 2) ? 1 : 0) + L + 1;
  localparam integer VDepth   = Lat + Cols - 1;
  localparam integer CountWidth = $clog2(SumWidth);  // the join's count of the magnitude's leading zeros

  // The pass's mode, loaded with the weight block exponents.
  reg boost_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      boost_q <= 1'b0;
    end else if (load_e_i) begin
      boost_q <= boost_i;
    end
  end

  // PE outputs, flat, index (k*Cols + c).
  wire [Rows*Cols*WBits-1:0]      w_q;
  wire [Rows*Cols*N-1:0]          a_q;
  wire [Rows*Cols*PeSumWidth-1:0] psum_q;
  // Join and edge outputs, flat, index (g*Cols + c).
  wire [Groups*Cols*PartWidth-1:0] part_q;
  wire [Groups*Cols*SumWidth-1:0]  blk_q;
  wire [Groups*Cols*CountWidth-1:0] cnt_q;
  wire [Groups*Cols*8-1:0]         ea_q;
  wire [Groups*Cols*8-1:0]         eb_q;
  wire [Groups*Cols-1:0]           en_q;
  wire [Groups*Cols*AccWidth-1:0]  acc_q;
  wire [Groups*Cols*5-1:0]         flags_q;

  genvar k, c, g;
  generate
    for (k = 0; k < Rows; k = k + 1) begin : gen_row
      for (c = 0; c < Cols; c = c + 1) begin : gen_col
        wire [WBits-1:0]      w_in;
        wire [N-1:0]          a_in;
        wire [PeSumWidth-1:0] psum_in;
        if (k == 0) begin : gen_w_top
          assign w_in = w_i[c*WBits +: WBits];
        end else begin : gen_w_chain
          assign w_in = w_q[((k-1)*Cols + c)*WBits +: WBits];
        end
        if (c == 0) begin : gen_a_left
          assign a_in = a_i[k*N +: N];
        end else begin : gen_a_chain
          assign a_in = a_q[(k*Cols + c - 1)*N +: N];
        end
        if (k % Block == 0) begin : gen_psum_top
          assign psum_in = {PeSumWidth{1'b0}};
        end else begin : gen_psum_chain
          assign psum_in = psum_q[((k-1)*Cols + c)*PeSumWidth +: PeSumWidth];
        end
        if (Arch == 0) begin : gen_pe4
          mg_hbfp_pe #(
            .N        (N),
            .SumWidth (PeSumWidth)
          ) u_pe (
            .clk_i  (clk_i),
            .rst_ni (rst_ni),
            .load_i (load_w_i),
            .w_i    (w_in),
            .w_o    (w_q[(k*Cols + c)*WBits +: WBits]),
            .a_i    (a_in),
            .a_o    (a_q[(k*Cols + c)*N +: N]),
            .psum_i (psum_in),
            .psum_o (psum_q[(k*Cols + c)*PeSumWidth +: PeSumWidth])
          );
        end else begin : gen_pe64
          mg_hbfp_boost_pe #(
            .WBits    (WBits),
            .ABits    (N),
            .SumWidth (PeSumWidth)
          ) u_pe (
            .clk_i  (clk_i),
            .rst_ni (rst_ni),
            .load_i (load_w_i),
            .w_i    (w_in),
            .w_o    (w_q[(k*Cols + c)*WBits +: WBits]),
            .a_i    (a_in),
            .a_o    (a_q[(k*Cols + c)*N +: N]),
            .psum_i (psum_in),
            .psum_o (psum_q[(k*Cols + c)*PeSumWidth +: PeSumWidth])
          );
        end
      end
    end

    for (g = 0; g < Groups; g = g + 1) begin : gen_group
      for (c = 0; c < Cols; c = c + 1) begin : gen_edge
        wire [PartWidth-1:0] part_in;
        wire [7:0]           ea_in;
        wire                 en_in;
        wire [7:0]           eb_in;
        wire [AccWidth-1:0]  acc_in;
        wire [4:0]           flags_in;
        // Arch 0: the low-digit column (odd c) takes its left neighbour's P.
        if (Arch == 0 && c % 2 == 1) begin : gen_part_left
          assign part_in = part_q[(g*Cols + c - 1)*PartWidth +: PartWidth];
        end else begin : gen_part_none
          assign part_in = {PartWidth{1'b0}};
        end
        mg_hbfp_boost_join #(
          .Kind        ((Arch != 0) ? 2 : (c % 2)),
          .SumWidth    (PeSumWidth),
          .NarrowWidth (NarrowWidth),
          .OutWidth    (SumWidth),
          .PartWidth   (PartWidth)
        ) u_join (
          .clk_i   (clk_i),
          .rst_ni  (rst_ni),
          .boost_i (boost_q),
          .psum_i  (psum_q[((g*Block + Block - 1)*Cols + c)*PeSumWidth +: PeSumWidth]),
          .part_i  (part_in),
          .part_o  (part_q[(g*Cols + c)*PartWidth +: PartWidth]),
          .sum_o   (blk_q[(g*Cols + c)*SumWidth +: SumWidth]),
          .count_o (cnt_q[(g*Cols + c)*CountWidth +: CountWidth])
        );
        if (c == 0) begin : gen_ea_left
          assign ea_in = ea_i[g*8 +: 8];
          assign en_in = en_i[g];
        end else begin : gen_ea_chain
          assign ea_in = ea_q[(g*Cols + c - 1)*8 +: 8];
          assign en_in = en_q[g*Cols + c - 1];
        end
        if (g == 0) begin : gen_first
          assign eb_in    = eb_i[c*8 +: 8];
          assign acc_in   = acc_i[c*AccWidth +: AccWidth];
          assign flags_in = 5'd0;
        end else begin : gen_chain
          assign eb_in    = eb_q[((g-1)*Cols + c)*8 +: 8];
          assign acc_in   = acc_q[((g-1)*Cols + c)*AccWidth +: AccWidth];
          assign flags_in = flags_q[((g-1)*Cols + c)*5 +: 5];
        end
        // The edge unit: built for the 6-bit block sum, except in the
        // high-digit columns of 4x4 PEs, whose results only a 4-bit pass
        // uses: their join hands on S4 * 2^(SumWidth - NarrowWidth), and an
        // HBFP4 edge unit converts S4 itself, the same value.
        if (Arch == 0 && c % 2 == 0) begin : gen_edge4
          mg_hbfp_edge #(
            .N        (N),
            .SumWidth (NarrowWidth),
            .ExpBits  (ExpBits),
            .FracBits (FracBits),
            .Bias     (Bias),
            .Specials (Specials),
            .Sub      (Sub),
            .Pipe     (Pipe),
            .ExpWidth (ExpWidth)
          ) u_edge (
            .clk_i    (clk_i),
            .rst_ni   (rst_ni),
            .load_e_i (load_e_i),
            .eb_i     (eb_in),
            .eb_o     (eb_q[(g*Cols + c)*8 +: 8]),
            .ea_i     (ea_in),
            .ea_o     (ea_q[(g*Cols + c)*8 +: 8]),
            .en_i     (en_in),
            .en_o     (en_q[g*Cols + c]),
            .psum_i   (blk_q[(g*Cols + c)*SumWidth + SumWidth - NarrowWidth +: NarrowWidth]),
            .acc_i    (acc_in),
            .flags_i  (flags_in),
            .acc_o    (acc_q[(g*Cols + c)*AccWidth +: AccWidth]),
            .flags_o  (flags_q[(g*Cols + c)*5 +: 5])
          );
        end else begin : gen_edge6
          // The join hands on {sign, magnitude} of the block sum and the
          // magnitude's leading-zero count.
          mg_hbfp_boost_edge #(
            .N        (Boost),
            .MagWidth (SumWidth - 1),
            .ExpBits  (ExpBits),
            .FracBits (FracBits),
            .Bias     (Bias),
            .Specials (Specials),
            .Sub      (Sub),
            .Pipe     (Pipe),
            .ExpWidth (ExpWidth)
          ) u_edge (
            .clk_i    (clk_i),
            .rst_ni   (rst_ni),
            .load_e_i (load_e_i),
            .eb_i     (eb_in),
            .eb_o     (eb_q[(g*Cols + c)*8 +: 8]),
            .ea_i     (ea_in),
            .ea_o     (ea_q[(g*Cols + c)*8 +: 8]),
            .en_i     (en_in),
            .en_o     (en_q[g*Cols + c]),
            .sign_i   (blk_q[(g*Cols + c)*SumWidth + SumWidth - 1]),
            .mag_i    (blk_q[(g*Cols + c)*SumWidth +: SumWidth - 1]),
            .count_i  (cnt_q[(g*Cols + c)*CountWidth +: CountWidth]),
            .acc_i    (acc_in),
            .flags_i  (flags_in),
            .acc_o    (acc_q[(g*Cols + c)*AccWidth +: AccWidth]),
            .flags_o  (flags_q[(g*Cols + c)*5 +: 5])
          );
        end
      end
    end

    for (c = 0; c < Cols; c = c + 1) begin : gen_out
      assign acc_o[c*AccWidth +: AccWidth] = acc_q[((Groups-1)*Cols + c)*AccWidth +: AccWidth];
      assign flags_o[c*5 +: 5]             = flags_q[((Groups-1)*Cols + c)*5 +: 5];
    end
  endgenerate

  // ---- valid_o: valid_i delayed by Lat + c cycles for column c; in a 6-bit
  // pass of Arch 0 the high-digit columns (even c) hold no result.
  wire [Cols-1:0] valid_d;
  mg_valid_delay #(
    .Depth (VDepth), .Taps (Cols)
  ) u_valid_delay (
    .clk_i (clk_i), .rst_ni (rst_ni), .valid_i (valid_i), .valid_o (valid_d)
  );
  generate
    for (c = 0; c < Cols; c = c + 1) begin : gen_valid
      if (Arch == 0 && c % 2 == 0) begin : gen_high
        assign valid_o[c] = valid_d[c] & ~boost_q;
      end else begin : gen_low
        assign valid_o[c] = valid_d[c];
      end
    end
  endgenerate
  // Bits of the chains that leave the grid: the bottom weights, the rightmost
  // activations and activation exponents, the last group's weight exponents,
  // the partial sums of rows that are not a group's last, the P of the last
  // column (and every column that passes none on), the constant low bits of
  // the high-digit columns' block sums and their (zero) counts.
  wire unused_ok = &{1'b0, w_q, a_q, psum_q, part_q, blk_q, cnt_q, ea_q, en_q, eb_q, acc_q, flags_q, 1'b0};

`ifdef MG_CHECK_PROTOCOL
  // ---- Simulation-only protocol checks (docs/hbfp_array.md, "Rules"):
  // mg_hbfp_array's, and the mode's.  Compiled only with MG_CHECK_PROTOCOL
  // defined (synthesis never is; `macgen verify` defines it).  Cycles count
  // from the release of rst_ni.
  integer chk_cycle;   // this cycle
  integer chk_last_v;  // the last cycle with valid_i high (before this one)
  integer chk_last_ld; // the last cycle with load_w_i or load_e_i high
  integer chk_nw;      // load_w_i cycles since the last wavefront
  integer chk_ne;      // load_e_i cycles since the last wavefront
  reg     chk_mode;    // the mode of the last stream
  reg     chk_first;   // boost_i of the window's first load_e_i cycle
  reg     chk_mixed;   // boost_i changed between the window's load_e_i cycles
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      chk_cycle   <= 0;
      chk_last_v  <= -VDepth;  // drained
      chk_last_ld <= -2;
      chk_nw      <= 0;
      chk_ne      <= 0;
      chk_mode    <= 1'b0;
      chk_first   <= 1'b0;
      chk_mixed   <= 1'b0;
    end else begin
      // Rule 2: a load only in a drained array.
      if ((load_w_i || load_e_i) && (valid_i || chk_cycle < chk_last_v + VDepth))
        $error("protocol: %s in cycle %0d, the wavefront of cycle %0d in flight: load from cycle %0d on",
               load_w_i ? "load_w_i" : "load_e_i", chk_cycle, valid_i ? chk_cycle : chk_last_v,
               (valid_i ? chk_cycle : chk_last_v) + VDepth);
      if (valid_i) begin
        // Rule 1: whole loads only.
        if (chk_nw != 0 && chk_nw != Rows)
          $error("protocol: wavefront in cycle %0d after %0d load_w_i cycles: a load takes %0d", chk_cycle,
                 chk_nw, Rows);
        if (chk_ne != 0 && chk_ne != Groups)
          $error("protocol: wavefront in cycle %0d after %0d load_e_i cycles: a load takes %0d",
                 chk_cycle, chk_ne, Groups);
        // The mode: one boost_i per load, a new mode only with new weights.
        if (chk_ne != 0 && chk_mixed)
          $error("protocol: boost_i changed between the load_e_i cycles before cycle %0d", chk_cycle);
        if (boost_q != chk_mode && chk_nw < Rows)
          $error("protocol: wavefront in cycle %0d: the %0d-bit mode on the %0d-bit mode's weights (no load_w_i)",
                 chk_cycle, boost_q ? Boost : N, chk_mode ? Boost : N);
        // 6-bit rows: two slots, the high digits in the cycle before valid_i.
        if (boost_q && chk_last_v == chk_cycle - 1)
          $error("protocol: valid_i in cycles %0d and %0d: a 6-bit row takes two slots", chk_cycle - 1,
                 chk_cycle);
        if (boost_q && chk_last_ld >= chk_cycle - 1)
          $error("protocol: 6-bit row with valid_i in cycle %0d: its high-digit slot is a load cycle",
                 chk_cycle);
      end
      chk_cycle <= chk_cycle + 1;
      if (load_w_i || load_e_i) chk_last_ld <= chk_cycle;
      if (valid_i) begin
        chk_last_v <= chk_cycle;
        chk_nw     <= 0;
        chk_ne     <= 0;
        chk_mode   <= boost_q;
        chk_mixed  <= 1'b0;
      end else begin
        if (load_w_i) chk_nw <= chk_nw + 1;
        if (load_e_i) begin
          chk_ne <= chk_ne + 1;
          if (chk_ne == 0) chk_first <= boost_i;
          else if (boost_i != chk_first) chk_mixed <= 1'b1;
        end
      end
    end
  end
`endif
endmodule

`default_nettype wire
